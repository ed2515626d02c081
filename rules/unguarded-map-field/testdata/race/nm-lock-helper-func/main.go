// The mutex is taken through helpers, defer x.lock()() and x.getMutex().Lock(), so every map access is still under the lock: no race.
package main

import (
	"fmt"
	"sync"
)

type Registry struct {
	mu    sync.Mutex
	names map[int]string
}

// lock takes r.mu and returns the function that releases it.
func (r *Registry) lock() func() {
	r.mu.Lock()
	return r.mu.Unlock
}

func (r *Registry) Register(id int, name string) {
	defer r.lock()()
	r.names[id] = name
}

func (r *Registry) Lookup(id int) (string, bool) {
	defer r.lock()()
	n, ok := r.names[id]
	return n, ok
}

func (r *Registry) Forget(id int) {
	unlock := r.lock()
	delete(r.names, id)
	unlock()
}

func (r *Registry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.names)
}

type Counter struct {
	mu     *sync.Mutex
	counts map[string]int
}

func (c *Counter) getMutex() *sync.Mutex {
	return c.mu
}

func (c *Counter) Inc(k string) {
	c.getMutex().Lock()
	defer c.getMutex().Unlock()
	c.counts[k]++
}

func (c *Counter) Get(k string) int {
	c.getMutex().Lock()
	defer c.getMutex().Unlock()
	return c.counts[k]
}

func (c *Counter) Reset() {
	c.mu.Lock()
	clear(c.counts)
	c.mu.Unlock()
}

func main() {
	r := &Registry{names: map[int]string{}}
	c := &Counter{mu: &sync.Mutex{}, counts: map[string]int{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				r.Register(i%50, "n")
				_, _ = r.Lookup((i + g) % 50)
				if i%3 == g%3 {
					r.Forget(i % 50)
				}
				c.Inc(fmt.Sprint(i % 10))
				_ = c.Get("1")
				if i%700 == 0 {
					c.Reset()
					_ = r.Len()
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(c.Get("1"))
}
