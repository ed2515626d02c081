package syncmap

import "sync"

type conn struct{ addr string }

type pool struct {
	live sync.Map
	byID map[key]int
}

// The caller holds the pointer and deletes it when done: a registry of live objects.
func (p *pool) add(c *conn) {
	p.live.Store(c, struct{}{})
}

func (p *pool) remove(c *conn) {
	p.live.Delete(c)
}

// A value key: the same key can be built again to look the entry up.
func (p *pool) hit(tenant string, id int) {
	p.byID[key{tenant: tenant, id: id}]++
}

// A fresh address whose pointer is also kept: it can be looked up again.
func (p *pool) open(addr string) *conn {
	c := &conn{addr: addr}
	p.live.LoadOrStore(c, struct{}{})
	return c
}

// A map that is ranged over finds its entries that way.
var pending = map[*conn]bool{}

func queue(addr string) {
	pending[&conn{addr: addr}] = true
}

func flush() []string {
	var out []string
	for c := range pending {
		out = append(out, c.addr)
	}
	return out
}

// A sync.Map whose Range visits every entry.
var live sync.Map

func track(addr string) {
	live.Store(&conn{addr: addr}, true)
}

func each(f func(*conn)) {
	live.Range(func(k, _ any) bool {
		f(k.(*conn))
		return true
	})
}

