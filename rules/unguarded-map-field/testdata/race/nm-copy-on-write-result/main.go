// SetAddrs builds a whole new shard table in newShards (its named result, fresh) while holding
// setMu, then publishes it under mu; readers look shards up under mu. The map is written only
// while the table is new and nobody else can see it: no race.
package main

import (
	"fmt"
	"sync"
)

type shards struct {
	m map[string]int
}

type ring struct {
	mu     sync.RWMutex
	shards *shards
	// setMu keeps SetAddrs calls from overlapping, so mu is not held while shards are built.
	setMu sync.Mutex
}

func (c *ring) SetAddrs(addrs []string) {
	c.setMu.Lock()
	defer c.setMu.Unlock()
	s := c.newShards(addrs)
	c.mu.Lock()
	c.shards = s
	c.mu.Unlock()
}

func (c *ring) newShards(addrs []string) (out *shards) {
	out = &shards{m: make(map[string]int, len(addrs))}
	for i, a := range addrs {
		out.m[a] = i
	}
	return out
}

func (c *ring) GetByName(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.shards.m[name]
}

func main() {
	c := &ring{}
	c.SetAddrs([]string{"a", "b"})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			c.SetAddrs([]string{"a", "b", fmt.Sprint("c", i%5)})
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			_ = c.GetByName("a")
		}
	}()
	wg.Wait()
	fmt.Println(c.GetByName("b"))
}
