package testdata

import "sync"

// Near misses: comma-ok assertions, type switches, checked assertions,
// values not read from a sync.Map, and a generic wrapper's own assertion.

var items sync.Map

func commaOk(key string) (int, bool) {
	v, ok := items.Load(key)
	if !ok {
		return 0, false
	}
	n, ok := v.(int)
	return n, ok
}

func inIf(key string) string {
	if v, ok := items.Load(key); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

func typeSwitch(key string) int {
	v, _ := items.Load(key)
	switch x := v.(type) {
	case int:
		return x
	case string:
		return len(x)
	}
	return 0
}

func checked(key string) int {
	v, _ := items.Load(key)
	if _, ok := v.(int); ok {
		return v.(int)
	}
	switch v.(type) {
	case int:
		return v.(int)
	}
	return 0
}

// Not from a sync.Map.
func notSyncMap(m map[string]any, x any) int {
	v := m["a"]
	return v.(int) + x.(int)
}

// Reassigned from something else before the assertion.
func reassigned(key string, fallback any) int {
	v, ok := items.Load(key)
	if !ok {
		v = fallback
	}
	return v.(int)
}

// The recommended fix: a typed wrapper; its assertion is to a type parameter.
type TypedMap[K comparable, V any] struct{ m sync.Map }

func (t *TypedMap[K, V]) Load(k K) (V, bool) {
	v, ok := t.m.Load(k)
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

func (t *TypedMap[K, V]) Store(k K, v V) { t.m.Store(k, v) }

func loadAs[V any](m *sync.Map, k string) V {
	v, _ := m.Load(k)
	return v.(V)
}

// A generic cache whose entries mention the type parameter.
type entry[V any] struct{ v V }

type Cache[K comparable, V any] struct{ m sync.Map }

func (c *Cache[K, V]) Get(k K) (V, bool) {
	e, ok := c.m.Load(k)
	if !ok {
		return *new(V), false
	}
	return e.(*entry[V]).v, true
}
