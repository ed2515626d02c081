package testdata

import "sync"

// Positives: a Store or Delete that acts on what an earlier Load of the same
// key on the same sync.Map saw.

var counts sync.Map // string -> int

// Read-modify-write: two goroutines read 1 and both store 2.
func incr(key string) {
	n := 0
	if v, ok := counts.Load(key); ok {
		n = v.(int)
	}
	counts.Store(key, n+1) // want "syncmap-check-then-act"
}

// The fix example of a popular post: append to the loaded slice, or build a new
// one when the Load missed; both Stores lose concurrent appends.
var lists sync.Map // int64 -> []string

func appendItem(key int64, item string) {
	if v, ok := lists.Load(key); ok {
		if slice, ok := v.([]string); ok {
			lists.Store(key, append(slice, item)) // want "syncmap-check-then-act"
		}
	} else {
		lists.Store(key, []string{item}) // want "syncmap-check-then-act"
	}
}

type registry struct {
	conns sync.Map // string -> *conn
}

type conn struct{ id string }

func (c *conn) Close() error { return nil }

// Cache fill after an early return on a hit: two goroutines can both miss and
// both store; the first caller's value is silently replaced.
func (r *registry) get(id string) *conn {
	if v, ok := r.conns.Load(id); ok {
		return v.(*conn)
	}
	c := &conn{id: id}
	r.conns.Store(id, c) // want "syncmap-check-then-act"
	return c
}

// Close once, by checking first: two goroutines can both see the entry.
func (r *registry) drop(id string) error {
	v, ok := r.conns.Load(id)
	if !ok {
		return nil
	}
	r.conns.Delete(id) // want "syncmap-check-then-act"
	return v.(*conn).Close()
}

// Store guarded by a nil check on the loaded value, through a pointer to the map.
func remember(m *sync.Map, key string, build func() string) string {
	v, _ := m.Load(key)
	if v == nil {
		s := build()
		m.Store(key, s) // want "syncmap-check-then-act"
		return s
	}
	return v.(string)
}

// A non-atomic LoadAndDelete: a value stored between the calls is deleted unseen.
func take(m *sync.Map, key string) any {
	v, _ := m.Load(key)
	m.Delete(key) // want "syncmap-check-then-act"
	return v
}
