package fixture

import "strings"

type Stats struct {
	Hits  int
	Name  string
	Inner Counter
	Items []string
}

type Counter struct{ N int }

func (c *Counter) Bump() { c.N++ }

type Inventory map[string]Stats

func countAll(m map[string]Stats) {
	for k, v := range m {
		v.Hits += len(k) // want "map-range-value-copy"
	}
	_ = len(m)
}

func rename(m map[int]Stats) {
	for id, s := range m {
		s.Name = strings.Repeat(s.Name, id) // want "map-range-value-copy"
	}
	_ = len(m)
}

func zeroFirst(grid map[string][4]int) {
	for name, row := range grid {
		row[0] = len(name) // want "map-range-value-copy"
	}
}

func nested(m map[string]Stats) {
	for k, v := range m {
		v.Inner.N = len(k) // want "map-range-value-copy"
	}
}

func bumpAll(m map[string]Counter) {
	for k, c := range m {
		if k != "" {
			c.Bump() // want "map-range-value-copy"
		}
	}
}

func both(inv Inventory) {
	for k, v := range inv {
		v.Hits = 0   // want "map-range-value-copy"
		v.Name = k   // want "map-range-value-copy"
	}
}

func addItem(m map[string]Stats, item string) {
	for k, v := range m {
		v.Items = append(v.Items, item+k) // want "map-range-value-copy"
	}
}

func inner(m map[string]Stats, words []string) {
	for k, v := range m {
		for _, w := range words {
			v.Hits += len(w) + len(k) // want "map-range-value-copy"
		}
	}
}

type Limits struct{ Max, Min int }

func (l *Limits) Normalise() {
	if l.Max == 0 {
		l.Max = 100
	}
}

// The normalised copy is only compared, never stored: the map keeps the raw values.
func dropDefaults(m map[string]Limits) {
	def := Limits{Max: 100}
	for name, l := range m {
		l.Normalise() // want "map-range-value-copy"
		if l == def {
			delete(m, name)
		}
	}
}
