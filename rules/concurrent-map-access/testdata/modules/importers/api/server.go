// Package api serves requests; net/http runs each one on its own goroutine.
package api

import (
	"net/http"
	"sync"

	"example.com/importers/store"
)

// Server counts the paths it serves.
type Server struct {
	counter *store.Counter
	mu      sync.Mutex
	tally   *store.Tally
	visits  *store.Visits
	audit   *store.Audit
}

// NewServer makes a server with empty counters.
func NewServer() *Server {
	return &Server{counter: store.NewCounter(), tally: store.NewTally(), visits: store.NewVisits(), audit: store.NewAudit()}
}

// ServeHTTP counts the request's path three ways.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// One counter for every request: the requests race on its map.
	s.counter.Add(r.URL.Path)
	// A ledger of this request's own.
	l := store.NewLedger()
	l.Put("path", r.URL.Path)
	// The server's own lock serialises the tally.
	s.mu.Lock()
	s.tally.Add(r.URL.Path)
	s.mu.Unlock()
	// Through a helper: the visits race like the counter; the audit is written under the lock.
	s.note(r.URL.Path)
	s.mu.Lock()
	s.remember(r.Header.Get("User"), r.URL.Path)
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) note(path string) {
	s.visits.Add(path)
}

func (s *Server) remember(user, path string) {
	s.audit.Put(user, path)
}

// Serve answers on addr until it fails.
func Serve(addr string) error {
	return http.ListenAndServe(addr, NewServer())
}
