// All takes the lock but hands out the map itself: the caller ranges over it
// after the lock is released while Add keeps inserting.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

type Set struct {
	mu    sync.Mutex
	items map[string]struct{}
}

func (s *Set) Add(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[k] = struct{}{}
}

func (s *Set) All() map[string]struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.items // want "unguarded-map-field"
}

func main() {
	s := &Set{items: map[string]struct{}{}}
	var stop atomic.Bool
	var added atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; !stop.Load(); i++ {
			s.Add(fmt.Sprint(i % 100))
			added.Add(1)
		}
	}()
	n := 0
	for i := 0; i < 50; i++ {
		for range s.All() {
			n++
		}
		// Let the writer insert again after this range, so the two overlap for sure.
		for c := added.Load(); added.Load() == c; {
			runtime.Gosched()
		}
	}
	stop.Store(true)
	<-done
	fmt.Println(n >= 0)
}
