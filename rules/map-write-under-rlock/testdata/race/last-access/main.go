// A rate limiter's Load records the last access time under the read lock it
// took for the lookup.
package main

import (
	"fmt"
	"sync"
	"time"
)

type Backend struct {
	mu       sync.RWMutex
	limiters map[string]int
	lastSeen map[string]time.Time
}

func (b *Backend) Load(key string) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	b.lastSeen[key] = time.Now() // want "map-write-under-rlock"
	return b.limiters[key]
}

func main() {
	b := &Backend{limiters: map[string]int{"a": 1}, lastSeen: map[string]time.Time{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				b.Load(fmt.Sprint((i + g) % 20))
			}
		}(g)
	}
	wg.Wait()
}
