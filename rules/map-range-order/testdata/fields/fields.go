// Slices built in map order and kept in a struct field, judged by every read of that field in
// the package: an unexported field is read only here, so when no read depends on the order the
// order never escapes.
package fields

import (
	"slices"
	"strings"
)

type endpoint struct{ name string }

func (e *endpoint) drop() { e.name = "" }

type tracker struct {
	live    map[string]*endpoint
	deleted []*endpoint // read only for per-element work and membership
	pending []string    // the first element is taken: order decides which
	joined  []string    // printed joined: order reaches the output
	Names   []string    // exported: readers outside the package are out of view
}

// Near miss: every read of t.deleted ignores the order.
func (t *tracker) sweep() {
	for k, e := range t.live {
		if e.name == "" {
			t.deleted = append(t.deleted, e)
			delete(t.live, k)
		}
	}
}

func (t *tracker) flush() {
	for _, e := range t.deleted {
		e.drop()
	}
	t.deleted = t.deleted[:0]
}

func (t *tracker) wasDeleted(e *endpoint) bool { return slices.Contains(t.deleted, e) }

func (t *tracker) deletedCount() int { return len(t.deleted) }

// Near miss: a local stored in the field, read the same order-free ways.
func (t *tracker) rebuild() {
	var out []*endpoint
	for _, e := range t.live {
		out = append(out, e)
	}
	t.deleted = out
}

// The first pending name is acted on: which one depends on the order.
func (t *tracker) queue() {
	for name := range t.live { // want "map-range-order"
		t.pending = append(t.pending, name)
	}
}

func (t *tracker) next() string {
	if len(t.pending) == 0 {
		return ""
	}
	return t.pending[0]
}

func (t *tracker) collect() {
	for name := range t.live { // want "map-range-order"
		t.joined = append(t.joined, name)
	}
}

func (t *tracker) String() string { return strings.Join(t.joined, ",") }

func (t *tracker) publish() {
	for name := range t.live { // want "map-range-order"
		t.Names = append(t.Names, name)
	}
}
