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
