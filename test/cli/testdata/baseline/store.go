package store

// Build has been writing a nil map since before the team adopted mapguard.
func Build() map[string]int {
	var m map[string]int
	m["a"] = 1
	return m
}

// Tags too.
func Tags() map[string]bool {
	var tags map[string]bool
	tags["x"] = true
	return tags
}
