// Helpers named ...Locked, or documented as running with the lock held, are
// only called while the caller holds the mutex.
package main

import (
	"fmt"
	"sync"
)

type Pool struct {
	mu   sync.Mutex
	idle map[int]bool
}

func (p *Pool) Put(id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.putLocked(id)
}

func (p *Pool) putLocked(id int) {
	p.idle[id] = true
}

func (p *Pool) Take() (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.first()
}

// first returns any idle id. The caller must hold p.mu.
func (p *Pool) first() (int, bool) {
	for id := range p.idle {
		delete(p.idle, id)
		return id, true
	}
	return 0, false
}

func main() {
	p := &Pool{idle: map[int]bool{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			p.Put(i % 16)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			p.Take()
		}
	}()
	wg.Wait()
	fmt.Println("ok")
}
