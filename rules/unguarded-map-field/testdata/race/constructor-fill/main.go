// The constructor fills the map before the value is shared; afterwards every
// access holds the lock.
package main

import (
	"fmt"
	"sync"
)

type Limits struct {
	mu  sync.RWMutex
	max map[string]int
}

func NewLimits(names []string) *Limits {
	l := &Limits{max: make(map[string]int)}
	for _, n := range names {
		l.max[n] = 10
	}
	return l
}

func (l *Limits) Raise(name string) {
	l.mu.Lock()
	l.max[name]++
	l.mu.Unlock()
}

func (l *Limits) Max(name string) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.max[name]
}

func main() {
	l := NewLimits([]string{"a", "b", "c"})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			l.Raise("a")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			_ = l.Max("a")
		}
	}()
	wg.Wait()
	fmt.Println(l.Max("a"))
}
