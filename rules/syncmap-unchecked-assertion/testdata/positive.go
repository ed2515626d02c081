package testdata

import "sync"

// Positives: v.(T) without comma-ok on values read from a sync.Map.

type session struct{ user string }

var sessions sync.Map // string -> *session

type server struct {
	cache sync.Map
}

func (s *server) get(key string) (string, bool) {
	v, ok := s.cache.Load(key)
	if !ok {
		return "", false
	}
	str := v.(string) // want "syncmap-unchecked-assertion"
	return str, true
}

func (s *server) getOrInit(key string) []int {
	actual, _ := s.cache.LoadOrStore(key, []int{})
	return actual.([]int) // want "syncmap-unchecked-assertion"
}

func (s *server) keys() []string {
	var out []string
	s.cache.Range(func(k, v any) bool {
		out = append(out, k.(string)) // want "syncmap-unchecked-assertion"
		return true
	})
	return out
}

// Through a local copy, and through a later assignment.
func pop(m *sync.Map, key string) int {
	v, loaded := m.LoadAndDelete(key)
	if !loaded {
		return 0
	}
	held := v
	return held.(int) // want "syncmap-unchecked-assertion"
}

// Two assertions on one line are one finding.
func dump(m *sync.Map) map[string]int {
	out := map[string]int{}
	m.Range(func(k, v any) bool {
		ks, n := k.(string), v.(int) // want "syncmap-unchecked-assertion"
		out[ks] = n
		return true
	})
	return out
}
