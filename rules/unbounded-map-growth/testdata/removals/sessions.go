package removals

import (
	"net/http"
	"sync"
	"time"
)

// Sessions is built once and serves every request.
type Sessions struct {
	mu      sync.Mutex
	started map[string]time.Time
	opened  map[string]time.Time
	active  map[string]time.Time
}

func NewSessions() *Sessions {
	return &Sessions{started: map[string]time.Time{}, opened: map[string]time.Time{}, active: map[string]time.Time{}}
}

func (s *Sessions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Session")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started[id] = time.Now() // want "unbounded-map-growth"
	s.opened[id] = time.Now()
	s.active[id] = time.Now()
	if r.Method == http.MethodDelete {
		s.end(id)
	}
}

// forget was meant for the close path, but nothing calls it.
func (s *Sessions) forget(id string) {
	delete(s.started, id)
}

// Near miss: end runs on the close path above.
func (s *Sessions) end(id string) {
	delete(s.active, id)
}
