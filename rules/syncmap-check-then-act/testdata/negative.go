package testdata

import "sync"

// Near misses: Load then LoadOrStore, other keys, other functions, a held
// mutex, values that do not depend on the Load, and maps that are not sync.Map.

var cache sync.Map

// The hit path avoids allocating; LoadOrStore settles races on the miss path.
func lookup(key string) *conn {
	if v, ok := cache.Load(key); ok {
		return v.(*conn)
	}
	v, _ := cache.LoadOrStore(key, &conn{id: key})
	return v.(*conn)
}

// Store under a different key than the Load.
func copyKey(from, to string) {
	if v, ok := cache.Load(from); ok {
		cache.Store(to, v)
	}
}

// Load in one function, Store in another (even a closure).
func loadOnly(key string) bool {
	_, ok := cache.Load(key)
	return ok
}

func storeOnly(key string, c *conn) {
	cache.Store(key, c)
}

func later(key string) func() {
	_, ok := cache.Load(key)
	return func() {
		if !ok {
			cache.Store(key, &conn{id: key})
		}
	}
}

// One mutex held across both calls serialises the writers.
type guarded struct {
	mu sync.Mutex
	m  sync.Map
}

func (g *guarded) incr(key string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	if v, ok := g.m.Load(key); ok {
		n = v.(int)
	}
	g.m.Store(key, n+1)
}

// Store of an unrelated value that does not depend on the Load.
func overwrite(key string, c *conn) *conn {
	var old *conn
	if v, ok := cache.Load(key); ok {
		old = v.(*conn)
	}
	cache.Store(key, c)
	return old
}

// Atomic alternatives.
func atomicOnes(key string) {
	if v, loaded := cache.LoadAndDelete(key); loaded {
		_ = v
	}
	for {
		v, _ := cache.Load(key)
		n, _ := v.(int)
		if cache.CompareAndSwap(key, v, n+1) {
			break
		}
	}
}

// A cache fill of a value every caller computes alike: overwriting it with an
// equal value loses nothing.
var names sync.Map // int -> string

func nameOf(id int, lookup func(int) string) string {
	if v, ok := names.Load(id); ok {
		return v.(string)
	}
	name := lookup(id)
	names.Store(id, name)
	return name
}

// LoadOrStore settled the race; the later Store replaces its own placeholder.
func settle(key string, build func() *conn) *conn {
	if v, ok := cache.Load(key); ok {
		return v.(*conn)
	}
	placeholder := &conn{}
	if v, loaded := cache.LoadOrStore(key, placeholder); loaded {
		return v.(*conn)
	}
	c := build()
	cache.Store(key, c)
	return c
}

// A closure called while its creator holds the lock.
type lookupCache struct {
	sync.Mutex
	m sync.Map
}

func (l *lookupCache) add(hash uint32, s string) []string {
	l.Lock()
	defer l.Unlock()
	addToCache := func() []string {
		var list []string
		if v, ok := l.m.Load(hash); ok {
			list = v.([]string)
		}
		l.m.Store(hash, append(list, s))
		return list
	}
	return addToCache()
}

// A type with Load/Store methods that is not a sync.Map.
type store struct{ m map[string]int }

func (s *store) Load(k string) (int, bool) { v, ok := s.m[k]; return v, ok }
func (s *store) Store(k string, v int)     { s.m[k] = v }

func plain(s *store, key string) {
	if n, ok := s.Load(key); ok {
		s.Store(key, n+1)
	}
}

// Unknown receiver type: never a finding.
func unknown(m interface {
	Load(any) (any, bool)
	Store(any, any)
}, key string) {
	if v, ok := m.Load(key); ok {
		m.Store(key, v)
	}
}

// The loaded value taints a local only in the hit branch; the Store in the
// miss branch stores a value computed from the key alone.
var splitCache sync.Map

func parts(key string) []string {
	var p []string
	v, ok := splitCache.Load(key)
	if ok {
		p = v.([]string)
	} else {
		p = splitKey(key)
		splitCache.Store(key, p)
	}
	return p
}

func splitKey(s string) []string { return []string{s} }

// The local is overwritten before the Store: the loaded value does not reach it.
type counter struct{ n int }

var counters sync.Map

func refresh(label string, n int, fresh bool) {
	c := &counter{}
	if existing, ok := counters.Load(label); ok {
		c = existing.(*counter)
		_ = c.n
	}
	if fresh {
		c = &counter{n: n}
		counters.Store(label, c)
	}
}

// Double-checked locking: the second Load runs under the lock held until the Store.
var (
	initMu   sync.Mutex
	channels sync.Map
)

func channelFor(key string) chan int {
	if c, ok := channels.Load(key); ok {
		return c.(chan int)
	}
	initMu.Lock()
	defer initMu.Unlock()
	if c, ok := channels.Load(key); ok {
		return c.(chan int)
	}
	ch := make(chan int)
	channels.Store(key, ch)
	return ch
}

// An Unlock on an early-return path does not release the lock on the Store's path.
type client struct {
	mu     sync.Mutex
	closed bool
	subs   sync.Map
}

func (c *client) sub(name string) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	defer c.mu.Unlock()
	if _, ok := c.subs.Load(name); !ok {
		c.subs.Store(name, &counter{})
	}
}

// A named result built from the key and the map's owner only: a cache fill.
type wrappers struct {
	prefix   string
	handlers sync.Map
}

func (w *wrappers) wrap(name string) (h string) {
	if v, ok := w.handlers.Load(name); ok {
		return v.(string)
	}
	h = w.prefix + name
	if name == "" {
		h = w.prefix
	}
	w.handlers.Store(name, h)
	return h
}

// Documented to run under the caller's lock.
type peers struct {
	mu    sync.Mutex
	infos sync.Map
}

// addPeerLocked records a new peer. Lock should be held.
func (p *peers) addPeerLocked(name string, info *counter) {
	if _, ok := p.infos.Load(name); !ok {
		p.infos.Store(name, info)
	}
}

// The ok tested before the Store comes from another lookup, not the Load.
func reused(key string, local map[string]bool) {
	_, ok := cache.Load(key)
	_ = ok
	_, ok = local[key]
	if !ok {
		cache.Store(key, &conn{id: key})
	}
}
