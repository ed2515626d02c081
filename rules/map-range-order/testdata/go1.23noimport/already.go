package fixture

import (
	"maps"
	"slices"
)

func sortedKeys(m map[int]bool) []int {
	return slices.Sorted(maps.Keys(m))
}

func firstKeys(m map[string]bool) []string {
	var out []string
	for k := range m { // want:notice "map-range-order"
		out = append(out, k+"!")
	}
	return out
}
