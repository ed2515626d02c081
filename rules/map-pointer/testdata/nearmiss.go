package fixture

import "encoding/json"

type Labels map[string]string

type Holder struct {
	data *map[string]int
}

func (h *Holder) reset() {
	*h.data = make(map[string]int)
}

func ensure(p *map[string]int) {
	if *p == nil {
		*p = make(map[string]int)
	}
	(*p)["x"] = 1
}

func decode(b []byte, out *map[string]any) error {
	return json.Unmarshal(b, out)
}

type Visitor func(*map[string]int)

func named(l *Labels) int {
	return len(*l)
}

func plain(m map[string]int) int {
	return len(m)
}

func forward(p *map[string]int) {
	ensure(p)
}
