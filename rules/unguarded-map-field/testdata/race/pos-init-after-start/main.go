// Init fills the map without the lock but is started on its own goroutine while workers already Register and Lookup under the lock, so its writes race with theirs.
package main

import (
	"fmt"
	"sync"
)

type Registry struct {
	mu       sync.Mutex
	handlers map[string]int
}

func (r *Registry) Register(name string, prio int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = prio
}

func (r *Registry) Lookup(name string) (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.handlers[name]
	return p, ok
}

// Init registers the built-in handlers.
func (r *Registry) Init() {
	for i := 0; i < 3000; i++ {
		r.handlers[fmt.Sprint("builtin", i%50)] = i // want "unguarded-map-field"
	}
}

func main() {
	r := &Registry{handlers: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			r.Register(fmt.Sprint("user", i%50), i)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			_, _ = r.Lookup(fmt.Sprint("builtin", i%50))
		}
	}()
	go func() {
		defer wg.Done()
		r.Init()
	}()
	wg.Wait()
	p, ok := r.Lookup("builtin1")
	fmt.Println(p, ok)
}
