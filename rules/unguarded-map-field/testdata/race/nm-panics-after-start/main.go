// Handle may only be called before Start (it panics afterwards), so its unlocked write runs
// while the router is still private to its owner.
package main

import (
	"fmt"
	"sync"
)

type Router struct {
	mu      sync.RWMutex
	started bool
	routes  map[string]int
}

func (r *Router) Handle(path string, id int) {
	if r.started {
		panic("router: Handle after Start")
	}
	r.routes[path] = id
}

func (r *Router) Start() {
	r.started = true
}

func (r *Router) Lookup(path string) (int, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	id, ok := r.routes[path]
	return id, ok
}

func (r *Router) Replace(path string, id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.routes[path] = id
}

func main() {
	r := &Router{routes: map[string]int{}}
	for i := 0; i < 10; i++ {
		r.Handle(fmt.Sprint("/", i), i)
	}
	r.Start()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				r.Replace(fmt.Sprint("/", i%10), g)
				r.Lookup(fmt.Sprint("/", i%10))
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(len(r.routes))
}
