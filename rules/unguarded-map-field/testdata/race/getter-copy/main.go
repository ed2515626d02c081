// All returns a copy made under the lock, so callers never touch the shared map.
package main

import (
	"fmt"
	"maps"
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
	return maps.Clone(s.items)
}

func main() {
	s := &Set{items: map[string]struct{}{}}
	var wg sync.WaitGroup
	wg.Add(2)
	var stop atomic.Bool
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			s.Add(fmt.Sprint(i % 100))
		}
	}()
	go func() {
		defer wg.Done()
		n := 0
		for i := 0; i < 300; i++ {
			for range s.All() {
				n++
			}
		}
		stop.Store(true)
		fmt.Println(n >= 0)
	}()
	wg.Wait()
}
