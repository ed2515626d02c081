package iter

import (
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Ranging over a map iterator visits entries in the map's order.
func printKeys(w io.Writer, m map[string]int) {
	for k := range maps.Keys(m) { // want "map-range-order"
		fmt.Fprintln(w, k)
	}
}

func valuesList(m map[string]int) []int {
	var out []int
	for v := range maps.Values(m) { // want:notice "map-range-order"
		out = append(out, v)
	}
	return out
}

func allPairs(m map[string]int) []string {
	var out []string
	for k, v := range maps.All(m) { // want:notice "map-range-order"
		out = append(out, fmt.Sprint(k, v))
	}
	return out
}

// slices.Collect keeps the iterator's order: the map's.
func collectedKeys(m map[string]bool) []string {
	keys := slices.Collect(maps.Keys(m)) // want:notice "map-range-order"
	return keys
}

func joinedKeys(m map[string]bool) string {
	return strings.Join(slices.Collect(maps.Keys(m)), ",") // want "map-range-order"
}

// A header row in map order: the columns move between runs.
func header(w *csv.Writer, row map[string]string) error {
	cols := slices.Collect(maps.Keys(row)) // want "map-range-order"
	return w.Write(cols)
}

// A digest over keys collected in map order differs between runs.
func fingerprint(labels map[string]string) [32]byte {
	var parts []string
	for k, v := range labels { // want "map-range-order"
		parts = append(parts, k+"="+v)
	}
	return sha256.Sum256([]byte(fmt.Sprint(parts)))
}

func columns(w *csv.Writer, rows []map[string]string) error {
	var cols []string
	for c := range rows[0] { // want "map-range-order"
		cols = append(cols, c)
	}
	return w.WriteAll([][]string{cols})
}
