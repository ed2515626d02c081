package fixture

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// Before Go 1.23 there is no maps.Keys iterator: the finding describes the fix instead.
func list(m map[string]int) []string {
	var out []string
	for k := range m { // want:notice "map-range-order"
		out = append(out, k)
	}
	return out
}

func show(m map[string]string) {
	for k, v := range m { // want "map-range-order"
		fmt.Fprintf(os.Stdout, "%s=%s\n", k, v)
	}
}

func header(m map[string]string) string {
	var b strings.Builder
	for k := range m { // want "map-range-order"
		fmt.Fprintf(&b, "%s;", k)
	}
	return b.String()
}

// One caller sorts, the other prints: the order still escapes.
func ids(m map[int]bool) []int {
	var out []int
	for id := range m { // want "map-range-order"
		out = append(out, id)
	}
	return out
}

func printIDs(m map[int]bool) {
	fmt.Println(ids(m))
}

func sortedIDs(m map[int]bool) []int {
	s := ids(m)
	sort.Ints(s)
	return s
}
