package fixture

// No key variable: the finding describes the fix instead.
func resetAll(m map[string]Stats) {
	for _, v := range m {
		v.Hits = 0 // want "map-range-value-copy"
	}
}

// A continue skips the point where a store would go: described, not rewritten.
func skipSome(m map[string]Stats) {
	for k, v := range m {
		if k == "" {
			continue
		}
		v.Hits++ // want "map-range-value-copy"
	}
}

func lookup(m map[string]Stats, key string) {
	v := m[key]
	v.Hits++ // want "map-range-value-copy"
}

func lookupOK(m map[string]Stats, key string) bool {
	v, ok := m[key]
	if ok {
		v.Name = key // want "map-range-value-copy"
	}
	return ok
}
