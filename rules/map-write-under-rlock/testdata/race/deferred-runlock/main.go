// Hit counting under the read lock: every reader writes the map.
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu   sync.RWMutex
	hits map[string]int
}

func (c *Counter) Hit(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.hits[k]++ // want "map-write-under-rlock"
	return c.hits[k]
}

func main() {
	c := &Counter{hits: map[string]int{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Hit(fmt.Sprint(i % 10))
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(c.hits))
}
