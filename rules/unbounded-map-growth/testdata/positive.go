package growth

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// seenRequests remembers every request ID ever served.
var seenRequests = map[string]time.Time{}

var seenMu sync.Mutex

func handleTrace(w http.ResponseWriter, r *http.Request) {
	requestID := r.Header.Get("X-Request-Id")
	seenMu.Lock()
	seenRequests[requestID] = time.Now() // want "unbounded-map-growth"
	seenMu.Unlock()
	fmt.Fprintln(w, "ok")
}

// Server is built once by NewServer and serves every request.
type Server struct {
	mu      sync.Mutex
	visits  map[string]int
	lastHit map[int64]string
}

func NewServer() *Server {
	return &Server{visits: make(map[string]int), lastHit: make(map[int64]string)}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.count(r.URL.Path)
	s.mu.Lock()
	s.lastHit[time.Now().UnixNano()] = r.URL.Path // want "unbounded-map-growth"
	s.mu.Unlock()
}

// count is reached from ServeHTTP, so it runs per request too.
func (s *Server) count(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.visits[path]++ // want "unbounded-map-growth"
}

// Tracker runs an event loop for as long as the process lives.
type Tracker struct {
	events chan event
	byID   map[uint64]event
}

type event struct {
	EventID uint64
	Name    string
}

func (t *Tracker) run() {
	for {
		select {
		case ev := <-t.events:
			t.byID[ev.EventID] = ev // want "unbounded-map-growth"
		case <-time.After(time.Minute):
		}
	}
}

// Registry lives in a package variable; Remember runs per call with a context.
type Registry struct {
	byTrace sync.Map
}

var registry = &Registry{}

func (g *Registry) Remember(ctx context.Context, traceID string, note string) {
	g.byTrace.Store(traceID, note) // want "unbounded-map-growth"
	_ = ctx
}

// results is filled by one goroutine per job.
var results = map[string]int{}

var resultsMu sync.Mutex

func runJobs(jobs []string) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			resultsMu.Lock()
			results[name] = len(name) // want "unbounded-map-growth"
			resultsMu.Unlock()
		}(job)
	}
	wg.Wait()
}
