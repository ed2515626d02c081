package testdata

// want-severity: warning
// Maps from helpers that return nil on some path, written by the caller.

import (
	"errors"
	"strings"
)

func parseLabels(s string) map[string]string {
	if s == "" {
		return nil
	}
	out := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		out[k] = v
	}
	return out
}

func withDefaultLabel(s string) map[string]string {
	labels := parseLabels(s)
	labels["managed-by"] = "mapguard" // want "nil-map-write"
	return labels
}

func loadIndex(path string) (map[string]int, error) {
	if path == "" {
		return nil, errors.New("no path")
	}
	if strings.HasSuffix(path, ".empty") {
		return nil, nil
	}
	return map[string]int{path: 1}, nil
}

// The error is tested, but loadIndex also returns nil with a nil error.
func indexWithRoot(path string) (map[string]int, error) {
	idx, err := loadIndex(path)
	if err != nil {
		return nil, err
	}
	idx["/"] = 0 // want "nil-map-write"
	return idx, nil
}

func mustLoad(path string) map[string]int {
	idx, _ := loadIndex(path)
	idx["/"] = 0 // want "nil-map-write"
	return idx
}
