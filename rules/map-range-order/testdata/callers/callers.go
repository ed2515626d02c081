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

// A caller takes the first element: which one depends on the order.
func flatten(groups map[string][]string) []string {
	var all []string
	for _, g := range groups { // want "map-range-order"
		all = append(all, g...)
	}
	return all
}

func pickTarget(groups map[string][]string) string {
	if all := flatten(groups); len(all) > 0 {
		return all[0]
	}
	return ""
}

type rewrite struct {
	from, to int
}

type rewriter struct {
	rules   []rewrite
	targets []string
}

// Returned as a field of the result, and that field's reader stops at the first rule that
// matches: the order decides which rewrite applies.
func NewRewriter(codes map[int]int) *rewriter {
	rules := make([]rewrite, 0, len(codes))
	for from, to := range codes { // want "map-range-order"
		rules = append(rules, rewrite{from: from, to: to})
	}
	return &rewriter{rules: rules}
}

func (r *rewriter) apply(code int) int {
	for _, rw := range r.rules {
		if rw.from <= code {
			return rw.to
		}
	}
	return code
}

// Near miss: returned as a field that is only ranged for per-element work.
func NewFanout(hosts map[string]bool) *rewriter {
	targets := make([]string, 0, len(hosts))
	for h := range hosts {
		targets = append(targets, h)
	}
	return &rewriter{targets: targets}
}

func (r *rewriter) notifyAll(send func(string)) {
	for _, t := range r.targets {
		send(t)
	}
}

type ring struct{ members map[string]bool }

// Another type's method of the same name is indexed by its caller: no evidence about this one,
// whose callers are out of view.
func (r *ring) encode() []string {
	var out []string
	for m := range r.members { // want:notice "map-range-order"
		out = append(out, m)
	}
	return out
}

type header struct{ fields []string }

func (h *header) encode() []string { return h.fields }

func firstField(h *header) string { return h.encode()[0] }

// Exported, so callers elsewhere are out of view; but one in the package takes the first
// element, which is evidence enough that the order matters.
func Members(groups map[string]bool) []string {
	var out []string
	for g := range groups { // want "map-range-order"
		out = append(out, g)
	}
	return out
}

func leader(groups map[string]bool) string { return Members(groups)[0] }
