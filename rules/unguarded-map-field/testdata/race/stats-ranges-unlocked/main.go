// Add inserts under the lock; Total ranges over the map without it.
package main

import (
	"fmt"
	"sync"
)

type Meter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (m *Meter) Add(name string) {
	m.mu.Lock()
	m.counts[name]++
	m.mu.Unlock()
}

func (m *Meter) Total() int {
	n := 0
	for _, c := range m.counts { // want "unguarded-map-field"
		n += c
	}
	return n
}

func main() {
	m := &Meter{counts: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			m.Add(fmt.Sprint(i % 100))
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			_ = m.Total()
		}
	}()
	wg.Wait()
	fmt.Println(m.Total() > 0)
}
