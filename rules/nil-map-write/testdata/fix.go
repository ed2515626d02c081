package testdata

func fixable() map[string]int {
	var m map[string]int
	m["a"] = 1 // want "nil-map-write"
	return m
}
