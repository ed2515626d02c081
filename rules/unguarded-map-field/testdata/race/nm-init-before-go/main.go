// Init(cfg), Open() and setup() fill their maps without the lock, but main calls them before any go statement, so they happen before every locked access: no race.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type Config struct {
	Routes map[string]string
}

type Router struct {
	mu     sync.RWMutex
	routes map[string]string
}

func (rt *Router) Init(cfg Config) {
	rt.routes = map[string]string{}
	for path, target := range cfg.Routes {
		rt.routes[path] = target
	}
}

func (rt *Router) Add(path, target string) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.routes[path] = target
}

func (rt *Router) Lookup(path string) (string, bool) {
	rt.mu.RLock()
	defer rt.mu.RUnlock()
	t, ok := rt.routes[path]
	return t, ok
}

type Store struct {
	mu   sync.Mutex
	rows map[int]string
}

// Open loads the initial rows.
func (s *Store) Open() error {
	for id, line := range strings.Split("zero,one,two,three", ",") {
		s.rows[id] = line
	}
	return nil
}

func (s *Store) Put(id int, v string) {
	s.mu.Lock()
	s.rows[id] = v
	s.mu.Unlock()
}

func (s *Store) Get(id int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rows[id]
}

type Pool struct {
	mu   sync.Mutex
	idle map[int]bool
}

func (p *Pool) setup(n int) {
	p.idle = make(map[int]bool, n)
	for i := 0; i < n; i++ {
		p.idle[i] = true
	}
}

func (p *Pool) Acquire() (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for id := range p.idle {
		delete(p.idle, id)
		return id, true
	}
	return 0, false
}

func (p *Pool) Release(id int) {
	p.mu.Lock()
	p.idle[id] = true
	p.mu.Unlock()
}

func main() {
	rt := &Router{}
	rt.Init(Config{Routes: map[string]string{"/": "home", "/api": "backend"}})
	st := &Store{rows: map[int]string{}}
	if err := st.Open(); err != nil {
		fmt.Println(err)
		return
	}
	p := &Pool{}
	p.setup(8)

	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				rt.Add(fmt.Sprintf("/r%d", i%20), "x")
				_, _ = rt.Lookup("/api")
				st.Put(i%10, "v")
				_ = st.Get(g)
				if id, ok := p.Acquire(); ok {
					p.Release(id)
				}
			}
		}(g)
	}
	wg.Wait()
	t, _ := rt.Lookup("/")
	fmt.Println(t, st.Get(1))
}
