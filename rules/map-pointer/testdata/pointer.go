package fixture

type Cache struct {
	entries *map[string]int // want "map-pointer"
	hits    int
}

func count(words []string, counts *map[string]int) { // want "map-pointer"
	for _, w := range words {
		(*counts)[w]++
	}
}

func lookup(m *map[int]string, id int) (string, bool) { // want "map-pointer"
	if m == nil {
		return "", false
	}
	v, ok := (*m)[id]
	return v, ok
}

func (c *Cache) get(k string) int {
	c.hits++
	return (*c.entries)[k]
}

var registry *map[string]func() // want "map-pointer"

func register(name string, f func()) {
	(*registry)[name] = f
}

func size() int {
	var tags *map[string]bool // want "map-pointer"
	return len(*tags)
}
