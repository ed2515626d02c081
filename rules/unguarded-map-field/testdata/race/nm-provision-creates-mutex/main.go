// Provision creates the mutex or the map and fills it before main starts the goroutines, so its unlocked writes happen before every locked access: no race.
package main

import (
	"fmt"
	"sync"
)

// Rewriter is a plugin whose host calls Provision once before serving.
type Rewriter struct {
	Paths []string

	mu   *sync.Mutex
	hits map[string]int
}

func (r *Rewriter) Provision() error {
	r.mu = new(sync.Mutex)
	r.hits = make(map[string]int, len(r.Paths))
	for _, p := range r.Paths {
		r.hits[p] = 0
	}
	return nil
}

func (r *Rewriter) Record(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hits[path]++
}

func (r *Rewriter) Hits(path string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.hits[path]
}

// Limiter keeps its mutex by value; Provision only makes and fills the map.
type Limiter struct {
	Burst int

	mu     sync.Mutex
	tokens map[string]int
}

func (l *Limiter) Provision() error {
	l.tokens = make(map[string]int)
	for _, user := range []string{"alice", "bob", "carol"} {
		l.tokens[user] = l.Burst
	}
	return nil
}

func (l *Limiter) Allow(user string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tokens[user] <= 0 {
		return false
	}
	l.tokens[user]--
	return true
}

func (l *Limiter) Refill(user string) {
	l.mu.Lock()
	l.tokens[user] = l.Burst
	l.mu.Unlock()
}

func main() {
	rw := &Rewriter{Paths: []string{"/a", "/b", "/c"}}
	lim := &Limiter{Burst: 5}
	for _, p := range []interface{ Provision() error }{rw, lim} {
		if err := p.Provision(); err != nil {
			fmt.Println(err)
			return
		}
	}
	users := []string{"alice", "bob", "carol"}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				rw.Record(rw.Paths[(i+g)%3])
				if !lim.Allow(users[i%3]) {
					lim.Refill(users[i%3])
				}
				_ = rw.Hits("/a")
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(rw.Hits("/a"), rw.Hits("/b"), rw.Hits("/c"))
}
