// Every access to the map holds the mutex.
package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]int
}

func (c *Cache) Set(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}

func (c *Cache) Get(k string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}

func main() {
	c := &Cache{items: map[string]int{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(2)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				c.Set(fmt.Sprint(i%40), g)
			}
		}(g)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				c.Get(fmt.Sprint(i % 40))
			}
		}()
	}
	wg.Wait()
}
