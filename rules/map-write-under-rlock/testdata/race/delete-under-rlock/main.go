// Expired sessions are deleted while only the read lock is held.
package main

import (
	"sync"
	"time"
)

type Sessions struct {
	mu      sync.RWMutex
	expires map[int]time.Time
}

func (s *Sessions) Touch(id int) {
	s.mu.Lock()
	s.expires[id] = time.Now().Add(time.Minute)
	s.mu.Unlock()
}

func (s *Sessions) Valid(id int, now time.Time) bool {
	s.mu.RLock()
	exp, ok := s.expires[id]
	if ok && now.After(exp) {
		delete(s.expires, id) // want "map-write-under-rlock"
		ok = false
	}
	s.mu.RUnlock()
	return ok
}

func main() {
	s := &Sessions{expires: map[int]time.Time{}}
	for i := 0; i < 3000; i++ {
		s.Touch(i)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			later := time.Now().Add(time.Hour)
			for i := 0; i < 3000; i++ {
				s.Valid((i+g*700)%3000, later)
			}
		}(g)
	}
	wg.Wait()
}
