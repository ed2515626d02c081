package retain

import (
	"context"
	"net/http"
	"sync"
)

// inFlight holds each request only while it is served.
var (
	inFlightMu sync.Mutex
	inFlight   = map[string]*http.Request{}
)

func serveTracked(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Request-Id")
	inFlightMu.Lock()
	inFlight[id] = r
	inFlightMu.Unlock()
	defer func() {
		inFlightMu.Lock()
		delete(inFlight, id)
		inFlightMu.Unlock()
	}()
}

// A map local to the request dies with it.
func serveLocal(w http.ResponseWriter, r *http.Request) {
	byName := map[string]*http.Request{}
	byName["self"] = r
	_ = byName
}

// Storing the few values needed is fine.
var (
	pathsMu sync.Mutex
	paths   = map[string]string{}
)

func servePath(w http.ResponseWriter, r *http.Request) {
	pathsMu.Lock()
	paths[r.RemoteAddr] = r.URL.Path
	pathsMu.Unlock()
}

// A background context is not a request's.
type scheduler struct {
	mu   sync.Mutex
	jobs map[string]context.Context
}

var sched = &scheduler{jobs: map[string]context.Context{}}

func (s *scheduler) add(name string) {
	s.mu.Lock()
	s.jobs[name] = context.Background()
	s.mu.Unlock()
}

// A struct built per request may hold the request.
type requestState struct {
	values map[string]*http.Request
}

func serveState(w http.ResponseWriter, r *http.Request) {
	st := &requestState{values: map[string]*http.Request{}}
	st.values["origin"] = r
}

var _ = sched.add

// A service's lifecycle context, handed over once at start-up, is not a request's.
type runner struct {
	mu   sync.Mutex
	ctxs map[string]context.Context
}

func newRunner(ctx context.Context) *runner {
	r := &runner{ctxs: map[string]context.Context{}}
	r.attach(ctx, "root")
	return r
}

func (r *runner) attach(ctx context.Context, name string) {
	r.mu.Lock()
	r.ctxs[name] = ctx
	r.mu.Unlock()
}

func (r *runner) ServeHTTP(w http.ResponseWriter, req *http.Request) {}
