package testdata

import (
	"strings"
	"sync"
)

// translator's cache is never created anywhere in the package: the first miss panics.
type translator struct {
	mu    sync.Mutex
	cache map[string]string
}

func newTranslator() *translator { return &translator{} }

func (t *translator) lookup(k string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if v, ok := t.cache[k]; ok {
		return v
	}
	v := strings.ToUpper(k)
	t.cache[k] = v // want "nil-map-write"
	return v
}

type counterSet struct {
	hits map[string]int
}

func (c counterSet) bump(k string) {
	c.hits[k]++ // want "nil-map-write"
}
