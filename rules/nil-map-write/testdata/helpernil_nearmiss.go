package testdata

// Near misses for "helper returns nil": the helper always allocates, returns
// nil only with an error the caller tests, or the caller checks the map.

import (
	"encoding/json"
	"errors"
)

func newSet(n int) map[string]bool {
	if n <= 0 {
		return map[string]bool{}
	}
	return make(map[string]bool, n)
}

func fillSet(keys []string) map[string]bool {
	set := newSet(len(keys))
	for _, k := range keys {
		set[k] = true
	}
	return set
}

func decodeCounts(data []byte) (map[string]int, error) {
	var counts map[string]int
	if len(data) == 0 {
		return nil, errors.New("empty")
	}
	if err := json.Unmarshal(data, &counts); err != nil {
		return nil, err
	}
	if counts == nil {
		counts = map[string]int{}
	}
	return counts, nil
}

func countsPlusOne(data []byte) (map[string]int, error) {
	counts, err := decodeCounts(data)
	if err != nil {
		return nil, err
	}
	counts["extra"]++
	return counts, nil
}

func optional(on bool) map[string]int {
	if !on {
		return nil
	}
	return map[string]int{}
}

func checkedByCaller(on bool) map[string]int {
	m := optional(on)
	if m == nil {
		m = map[string]int{}
	}
	m["a"] = 1
	return m
}

func reassignedByCaller(on bool) map[string]int {
	m := optional(on)
	if !on {
		m = map[string]int{}
	}
	m["a"] = 1
	return m
}

func guardedByCaller(on bool) {
	if m := optional(on); m != nil {
		m["a"] = 1
	}
}

type store struct{ byName map[string]int }

func (s *store) table() map[string]int { return s.byName }

func writeThroughGetter(s *store) {
	t := s.table()
	t["x"] = 1
}
