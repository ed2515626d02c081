// The struct embeds its mutex: Inc calls s.Lock(), Snapshot copies without it.
package main

import (
	"fmt"
	"sync"
)

type Stats struct {
	sync.Mutex
	hits map[string]int
}

func (s *Stats) Inc(k string) {
	s.Lock()
	defer s.Unlock()
	s.hits[k]++
}

func (s *Stats) Snapshot() map[string]int {
	out := make(map[string]int)
	for k, v := range s.hits { // want "unguarded-map-field"
		out[k] = v
	}
	return out
}

func main() {
	s := &Stats{hits: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			s.Inc(fmt.Sprint(i % 30))
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			_ = s.Snapshot()
		}
	}()
	wg.Wait()
}
