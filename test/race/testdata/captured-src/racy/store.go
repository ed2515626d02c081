package racy

import "sync"

type Store struct {
	mu sync.Mutex
	m  map[string]int
}

func New() *Store { return &Store{m: map[string]int{}} }

func (s *Store) Put(k string, v int) {
	s.mu.Lock()
	s.m[k] = v
	s.mu.Unlock()
}

func (s *Store) Get(k string) int {
	return s.m[k]
}

var counter int

func Bump() { counter++ }
