// Returned slices built in map order, judged by what the package's callers do with them:
// the order escapes only when a caller reads it.
package callers

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

type registry struct {
	mu    sync.Mutex
	conns map[string]*conn
	peers map[string]string
	tags  map[string]bool
	zones map[string]int
}

type conn struct{ closed bool }

func (c *conn) close() { c.closed = true }

// Used as a set by every caller: ranged for independent per-element work, searched, counted.
func (r *registry) openConns() []*conn {
	var out []*conn
	for _, c := range r.conns {
		out = append(out, c)
	}
	return out
}

func (r *registry) closeAll() {
	for _, c := range r.openConns() {
		c.close()
	}
}

func (r *registry) count() int { return len(r.openConns()) }

func (r *registry) has(c *conn) bool { return slices.Contains(r.openConns(), c) }

// Held in a local first, then ranged for per-element work only.
func (r *registry) peerAddrs() []string {
	addrs := make([]string, 0, len(r.peers))
	for _, a := range r.peers {
		addrs = append(addrs, a)
	}
	return addrs
}

func (r *registry) dialAll(dial func(string)) {
	addrs := r.peerAddrs()
	if len(addrs) == 0 {
		return
	}
	for _, a := range addrs {
		dial(a)
	}
}

// One caller prints the result: the order reaches the output.
func (r *registry) tagNames() []string {
	var names []string
	for t := range r.tags { // want "map-range-order"
		names = append(names, t)
	}
	return names
}

func (r *registry) describe() string {
	return strings.Join(r.tagNames(), ",")
}

func (r *registry) anyTag(t string) bool { return slices.Contains(r.tagNames(), t) }

// The caller's own loop lets the order out (written in order): reported here.
func (r *registry) zoneNames() []string {
	var names []string
	for z := range r.zones { // want "map-range-order"
		names = append(names, z)
	}
	return names
}

func (r *registry) printZones() {
	for _, z := range r.zoneNames() {
		fmt.Println(z)
	}
}

// Exported: callers outside the package are not in view; with no caller seen reading the
// order, it is a notice.
func (r *registry) PeerNames() []string {
	var names []string
	for n := range r.peers { // want:notice "map-range-order"
		names = append(names, n)
	}
	return names
}

func use(r *registry) {
	r.closeAll()
	_ = r.count()
	_ = r.has(nil)
	r.dialAll(func(string) {})
	_ = r.describe()
	_ = r.anyTag("x")
	r.printZones()
	_ = r.PeerNames()
}
