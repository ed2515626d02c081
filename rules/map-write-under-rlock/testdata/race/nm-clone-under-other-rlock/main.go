// Under a read lock the code writes only maps it has just made (a clone of the guarded map, an inverted index), never the guarded map itself: no race.
package main

import (
	"fmt"
	"sync"
)

type Settings struct {
	mu   sync.RWMutex
	vals map[string]int
}

func (s *Settings) Set(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.vals[k] = v
}

func (s *Settings) Get(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.vals[k]
}

// ByValue groups the keys by their value, in a map private to the call.
func (s *Settings) ByValue() map[int][]string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	inv := make(map[int][]string)
	for k, v := range s.vals {
		inv[v] = append(inv[v], k)
	}
	return inv
}

func clone(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// withOverrides returns src's values with the overrides applied on top.
func withOverrides(src *Settings, overrides map[string]int) map[string]int {
	src.mu.RLock()
	defer src.mu.RUnlock()
	dst := clone(src.vals)
	for k, v := range overrides {
		dst[k] = v
	}
	return dst
}

func main() {
	s := &Settings{vals: map[string]int{"timeout": 30, "retries": 3}}
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			s.Set(fmt.Sprint("k", i%40), i%7)
		}
	}()
	for g := 0; g < 2; g++ {
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				eff := withOverrides(s, map[string]int{"timeout": 10 + g})
				eff["attempt"] = i
				_ = s.ByValue()
				_ = s.Get("retries")
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(s.Get("timeout"), len(s.ByValue()) > 0)
}
