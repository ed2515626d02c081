package testdata

// Go 1.20 has no clear(): the finding stands, without a fix.
func reset(m map[string]int) {
	for k := range m { // want "map-clear-loop"
		delete(m, k)
	}
}
