// Fixture for test/engine/lifetime.test.ts: lines ending in `// per-request` must be
// seen as running per request or event, lines ending in `// once` must not.
package lifetime

import (
	"context"
	"net/http"
	"sync"
)

// Service: a constructor returns *Service and ServeHTTP serves requests.
type Service struct {
	mu    sync.Mutex
	hits  map[string]int
	cache *cache
}

type cache struct {
	entries map[string]string
}

func NewService() *Service {
	s := &Service{hits: map[string]int{}, cache: &cache{entries: map[string]string{}}}
	s.hits["boot"] = 1 // once
	return s
}

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++ // per-request
	s.mu.Unlock()
	s.remember(r.URL.Path)
}

func (s *Service) remember(p string) {
	s.cache.entries[p] = p // per-request
}

// Worker: its run method loops on events.
type Worker struct {
	events chan string
	seen   map[string]bool
	local  map[string]int
}

func (w *Worker) run() {
	for {
		select {
		case e := <-w.events:
			w.seen[e] = true // per-request
		}
	}
}

// RPC-style method.
type Req struct{ ID string }

type Reply struct{}

func (w *Worker) Get(ctx context.Context, req *Req) (*Reply, error) {
	w.local[req.ID]++ // per-request
	return &Reply{}, ctx.Err()
}

// Not RPC-shaped: takes a context but runs once per command.
func (w *Worker) Build(ctx context.Context, name string) {
	w.local[name]++ // once
}

// Short-lived: built inside a request.
type scratch struct {
	m map[string]int
}

func handle(w http.ResponseWriter, r *http.Request) {
	sc := &scratch{m: map[string]int{}}
	sc.m["x"] = 1 // per-request
	go func() {
		sc.m["y"] = 2 // per-request
	}()
}

func batch(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(s string) {
			defer wg.Done()
			_ = s // once
		}(it)
	}
	wg.Wait()
}

// Removal summary.
var (
	deleted  = map[string]int{}
	reset    = map[string]int{}
	lazy     map[string]int
	escaped  = map[string]int{}
	onlyRead = map[string]int{}
)

func mutate() {
	delete(deleted, "a")
	reset = map[string]int{}
	if lazy == nil {
		lazy = map[string]int{}
	}
	prune(escaped)
	_ = len(onlyRead)
	for k := range onlyRead {
		_ = k
	}
}

func prune(m map[string]int) { clear(m) }
