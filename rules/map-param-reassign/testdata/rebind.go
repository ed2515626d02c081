package fixture

type Labels map[string]string

func fill(m map[string]int, words []string) {
	m = make(map[string]int, len(words)) // want "map-param-reassign"
	for _, w := range words {
		m[w]++
	}
}

func ensure(m map[string]bool, key string) {
	if m == nil {
		m = map[string]bool{} // want "map-param-reassign"
	}
	m[key] = true
}

func reset(l Labels, name string) {
	l = Labels{} // want "map-param-reassign"
	l["name"] = name
}

func prune(m map[int]string, drop []int) {
	m = make(map[int]string) // want "map-param-reassign"
	for _, d := range drop {
		delete(m, d)
	}
}

var apply = func(dst map[string][]string, k, v string) {
	dst = make(map[string][]string) // want "map-param-reassign"
	dst[k] = append(dst[k], v)
}
