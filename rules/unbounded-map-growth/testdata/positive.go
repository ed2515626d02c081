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

// Registry lives in a package variable; Remember is an RPC-style method, run per call.
type Registry struct {
	byTrace sync.Map
}

var registry = &Registry{}

type RememberRequest struct{ TraceID, Note string }

type RememberReply struct{}

func (g *Registry) Remember(ctx context.Context, req *RememberRequest) (*RememberReply, error) {
	g.byTrace.Store(req.TraceID, req.Note) // want "unbounded-map-growth"
	return &RememberReply{}, ctx.Err()
}

// results is filled by a goroutine that each request starts.
var results = map[string]int{}

var resultsMu sync.Mutex

func handleJob(w http.ResponseWriter, r *http.Request) {
	go func(jobID string) {
		resultsMu.Lock()
		results[jobID] = len(jobID) // want "unbounded-map-growth"
		resultsMu.Unlock()
	}(r.URL.Query().Get("job"))
}

// A goroutine per item of a finite list is not per request.
var sizes = map[string]int{}

func measure(names []string) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, name := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			mu.Lock()
			sizes[n] = len(n)
			mu.Unlock()
		}(name)
	}
	wg.Wait()
}

// perSecond counts requests per second: one new key every second, forever.
type perSecond struct {
	mu     sync.Mutex
	counts map[int64]int
}

var rates = &perSecond{counts: map[int64]int{}}

func handleRate(w http.ResponseWriter, r *http.Request) {
	rates.mu.Lock()
	defer rates.mu.Unlock()
	sec := time.Now().Unix()
	if n, ok := rates.counts[sec]; !ok {
		rates.counts[sec] = 1 // want "unbounded-map-growth"
	} else {
		rates.counts[sec] = n + 1
	}
}
