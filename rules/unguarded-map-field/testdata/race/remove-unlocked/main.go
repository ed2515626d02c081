// Register inserts under the lock; Unregister deletes without it.
package main

import (
	"sync"
)

type Registry struct {
	lock  sync.Mutex
	conns map[int]string
}

func (r *Registry) Register(id int, name string) {
	r.lock.Lock()
	defer r.lock.Unlock()
	r.conns[id] = name
}

func (r *Registry) Unregister(id int) {
	delete(r.conns, id) // want "unguarded-map-field"
}

func main() {
	r := &Registry{conns: map[int]string{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			r.Register(i%64, "c")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			r.Unregister(i % 64)
		}
	}()
	wg.Wait()
}
