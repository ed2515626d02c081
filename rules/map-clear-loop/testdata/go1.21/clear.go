package testdata

type Session struct {
	seen map[string]bool
}

func reset(m map[string]int) {
	for k := range m { // want "map-clear-loop"
		delete(m, k)
	}
}

func (s *Session) Reset() {
	for key := range s.seen { // want "map-clear-loop"
		delete(s.seen, key)
	}
}

func resetFloat(m map[float64]string) {
	for k := range m { // want "map-clear-loop"
		delete(m, k)
	}
}
