// reset clears the pooled Context's maps without the lock, but it runs while one goroutine owns the value between pool.Get and pool.Put: no race.
package main

import (
	"fmt"
	"sync"
)

type Context struct {
	mu   sync.RWMutex
	keys map[string]any
	tags map[string]int
}

func (c *Context) Set(k string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys == nil {
		c.keys = make(map[string]any)
	}
	c.keys[k] = v
}

func (c *Context) Get(k string) (any, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.keys[k]
	return v, ok
}

func (c *Context) Tag(name string) {
	c.mu.Lock()
	c.tags[name]++
	c.mu.Unlock()
}

func (c *Context) Tags() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.tags)
}

// reset prepares a pooled Context for its next request.
func (c *Context) reset() {
	c.keys = nil
	for name := range c.tags {
		delete(c.tags, name)
	}
	c.tags["request"] = 0
}

var pool = sync.Pool{New: func() any { return &Context{tags: map[string]int{}} }}

// handle serves one request; its two middleware goroutines share the Context.
func handle(id int) int {
	c := pool.Get().(*Context)
	c.reset()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.Set(fmt.Sprint("k", i%5), id)
			c.Tag("auth")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			_, _ = c.Get(fmt.Sprint("k", i%5))
			c.Tag("log")
		}
	}()
	wg.Wait()
	n := c.Tags()
	pool.Put(c)
	return n
}

func main() {
	var wg sync.WaitGroup
	total := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				total[g] += handle(g*1000 + i)
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(total)
}
