package fixture

import "fmt"

type point struct{ x, y int }

// A struct key is not ordered: slices.Sorted cannot sort it, so there is no fix.
func points(m map[point]string) []string {
	var out []string
	for p, label := range m { // want:notice "map-range-order"
		out = append(out, fmt.Sprint(p.x, label))
	}
	return out
}

// Deleting inside the loop: a sorted snapshot of the keys would behave differently.
func drain(m map[string]int) []string {
	var out []string
	for k := range m { // want:notice "map-range-order"
		out = append(out, k)
		delete(m, k)
	}
	return out
}

// A key-value assignment form (=, not :=) is left alone by the fix.
func assignForm(m map[string]int) []string {
	var out []string
	var k string
	for k = range m { // want:notice "map-range-order"
		out = append(out, k)
	}
	return out
}

type spanSet struct{ ids []uint64 }

// Encode appends the set's encoding to b: it writes into the spare capacity, never reading b.
func (s *spanSet) Encode(b []byte) []byte {
	for _, id := range s.ids {
		b = append(b, byte(id))
	}
	return b
}

// The names go into the returned snapshot; the encoder only receives the empty tail of b, so
// the order leaves as the result (a notice), not through the encoder.
func Snapshot(sources map[string]uint64, set *spanSet) []byte {
	var b []byte
	for name := range sources { // want:notice "map-range-order"
		b = append(b, name...)
	}
	enc := set.Encode(b[len(b):])
	b = append(b, enc...)
	return b
}
