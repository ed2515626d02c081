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

// A per-key lock created on a miss, through a pointer to the map: two
// goroutines can each create and lock their own mutex.
func lockFor(locks *sync.Map, key string) *sync.Mutex {
	v, _ := locks.Load(key)
	if v == nil {
		mu := new(sync.Mutex)
		locks.Store(key, mu) // want "syncmap-check-then-act"
		return mu
	}
	return v.(*sync.Mutex)
}

// The else of an if-chain on the hit flag; a channel made per caller.
func waitFor(m *sync.Map, key string) <-chan struct{} {
	if v, ok := m.Load(key); ok == true {
		return v.(chan struct{})
	} else if key == "" {
		return nil
	} else {
		ch := make(chan struct{})
		m.Store(key, ch) // want "syncmap-check-then-act"
		return ch
	}
}

// A mutex released before the Store does not cover it.
type released struct {
	mu sync.Mutex
	m  sync.Map
}

func (r *released) add(key string, n int) {
	r.mu.Lock()
	v, _ := r.m.Load(key)
	r.mu.Unlock()
	total, _ := v.(int)
	r.m.Store(key, total+n) // want "syncmap-check-then-act"
}

// A non-atomic LoadAndDelete: a value stored between the calls is deleted unseen.
func take(m *sync.Map, key string) any {
	v, _ := m.Load(key)
	m.Delete(key) // want "syncmap-check-then-act"
	return v
}

// Read-modify-write of a struct value, guarded by ok and a nil check.
type nodeInfo struct{ stats, cfg int }

func updateStats(nodes *sync.Map, node string, stats int) {
	if v, ok := nodes.Load(node); ok && v != nil {
		ni := v.(nodeInfo)
		ni.stats = stats
		nodes.Store(node, ni) // want "syncmap-check-then-act"
	}
}

// Delete when a counter read through the Load drops to zero: an increment
// between the calls is deleted with the entry.
func release(inFlight *sync.Map, addr string, dec func(any) int) {
	if v, ok := inFlight.Load(addr); ok {
		if dec(v) <= 0 {
			inFlight.Delete(addr) // want "syncmap-check-then-act"
		}
	}
}

// Register-if-absent with a value from another input: when two goroutines
// register one name, both see it missing and the first registration is lost.
func register(names *sync.Map, name, addr string) bool {
	if _, ok := names.Load(name); !ok {
		names.Store(name, addr) // want "syncmap-check-then-act"
		return true
	}
	return false
}

// An initial value stored on a miss, for a map whose values are then updated
// with CompareAndSwap: a goroutine that missed can reset a counter another
// goroutine has already advanced.
type hitCounter struct{ hits sync.Map }

func (h *hitCounter) init(page string) {
	if _, ok := h.hits.Load(page); !ok {
		h.hits.Store(page, 0) // want "syncmap-check-then-act"
	}
}

func (h *hitCounter) bump(page string) {
	for {
		v, _ := h.hits.Load(page)
		n, _ := v.(int)
		if h.hits.CompareAndSwap(page, v, n+1) {
			return
		}
	}
}

// Documented to run without the lock: no exemption.
type accounts struct {
	mu         sync.Mutex
	incomplete sync.Map
}

// refresh updates dependent accounts. Lock MUST NOT be held upon entry.
func (a *accounts) refresh(name string) {
	if _, ok := a.incomplete.Load(name); ok {
		a.incomplete.Delete(name) // want "syncmap-check-then-act"
	}
}

// Both arms of a counter update lose increments: two goroutines that miss
// both store 1.
var visits sync.Map

func visit(page string) {
	if v, ok := visits.Load(page); ok {
		visits.Store(page, v.(int)+1) // want "syncmap-check-then-act"
	} else {
		visits.Store(page, 1) // want "syncmap-check-then-act"
	}
}

// A tagless switch on the Load's result.
func ensureQueue(queues *sync.Map, name string) {
	q, ok := queues.Load(name)
	switch {
	case !ok:
		queues.Store(name, make(chan string, 8)) // want "syncmap-check-then-act"
	case q == nil:
		return
	}
}
