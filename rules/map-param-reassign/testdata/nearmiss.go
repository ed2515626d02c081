package fixture

type Store struct{ data map[string]int }

func ensureReturned(m map[string]bool, key string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[key] = true
	return m
}

func (s *Store) adopt(m map[string]int) {
	if m == nil {
		m = make(map[string]int)
	}
	m["adopted"] = 1
	s.data = m
}

func handOff(m map[string]int, sink func(map[string]int)) {
	m = make(map[string]int)
	m["x"] = 1
	sink(m)
}

func readOnly(m map[string]int) int {
	if m == nil {
		m = map[string]int{}
	}
	return m["x"] + len(m)
}

func localMap(words []string) int {
	m := map[string]int{}
	m = make(map[string]int)
	for _, w := range words {
		m[w]++
	}
	return len(m)
}

func pointerParam(p *map[string]int) {
	*p = make(map[string]int)
	(*p)["x"] = 1
}

func writeBefore(m map[string]int) {
	m["x"] = 1
	m = nil
	_ = m
}

func clearInstead(m map[string]int, words []string) {
	clear(m)
	for _, w := range words {
		m[w]++
	}
}

func namedResult(m map[string]int) (out map[string]int) {
	m = make(map[string]int)
	m["a"] = 1
	out = m
	return out
}
