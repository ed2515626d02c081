package iter

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
)

// slices.Sorted sorts the sequence before anyone sees it.
func sortedKeys(m map[string]int) []string {
	return slices.Sorted(maps.Keys(m))
}

func printSorted(w io.Writer, m map[string]int) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintln(w, k, m[k])
	}
}

// Collected, then sorted.
func collectThenSort(m map[string]int) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	return keys
}

func collectThenSortStrings(m map[string]int) []string {
	keys := slices.Collect(maps.Keys(m))
	sort.Strings(keys)
	return keys
}

// Order-independent aggregation over an iterator.
func sumValues(m map[string]int) int {
	total := 0
	for v := range maps.Values(m) {
		total += v
	}
	return total
}

func maxValue(m map[string]int) int {
	best := 0
	for v := range maps.Values(m) {
		best = max(best, v)
	}
	return best
}

// Used only as a set: the order never shows.
func asSet(m map[string]int) map[string]bool {
	seen := map[string]bool{}
	for _, k := range slices.Collect(maps.Keys(m)) {
		seen[k] = true
	}
	return seen
}

// Collected but only counted.
func countKeys(m map[string]int) int {
	keys := slices.Collect(maps.Keys(m))
	return len(keys)
}

// Iterating a slice, not a map.
func overSlice(s []string) []string {
	var out []string
	for v := range slices.Values(s) {
		out = append(out, v)
	}
	return out
}

// An iterator over a map yields in map order by design, like maps.All.
type registry struct{ m map[string]int }

func (r *registry) All() func(yield func(string, int) bool) {
	return func(yield func(string, int) bool) {
		for k, v := range r.m {
			if !yield(k, v) {
				return
			}
		}
	}
}
