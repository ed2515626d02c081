package retain

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
)

// Tracker is middleware built once that records the requests in flight.
type Tracker struct {
	mu       sync.Mutex
	inFlight map[string]*http.Request
	writers  map[string]http.ResponseWriter
	served   map[string]*http.Request
	next     http.Handler
}

func NewTracker(next http.Handler) *Tracker {
	return &Tracker{inFlight: map[string]*http.Request{}, writers: map[string]http.ResponseWriter{}, served: map[string]*http.Request{}, next: next}
}

func (t *Tracker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Request-Id")
	t.mu.Lock()
	t.inFlight[id] = r // want "map-retains-request-scope"
	t.mu.Unlock()
	t.next.ServeHTTP(w, r)
	t.mu.Lock()
	delete(t.inFlight, id)
	t.mu.Unlock()
}

// Near miss: the delete is deferred, so a panic or an early return still runs it.
func (t *Tracker) serveDeferred(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Request-Id")
	t.mu.Lock()
	t.served[id] = r
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		delete(t.served, id)
		t.mu.Unlock()
	}()
	t.next.ServeHTTP(w, r)
}

var errBusy = errors.New("busy")

// An early return on error skips the delete.
func (t *Tracker) stream(w http.ResponseWriter, r *http.Request) error {
	id := r.URL.Query().Get("id")
	t.mu.Lock()
	t.writers[id] = w // want "map-retains-request-scope"
	t.mu.Unlock()
	if r.Method != http.MethodGet {
		return errBusy
	}
	fmt.Fprintln(w, "streaming")
	t.mu.Lock()
	delete(t.writers, id)
	t.mu.Unlock()
	return nil
}

// Jobs is a registry of work started by requests.
type Jobs struct {
	mu      sync.Mutex
	running map[string]*job
	names   map[string]string
	polls   map[string][]func(string)
}

type job struct {
	ctx  context.Context
	name string
}

type JobRequest struct{ Name string }

type JobReply struct{ ID string }

func NewJobs() *Jobs {
	return &Jobs{running: map[string]*job{}, names: map[string]string{}, polls: map[string][]func(string){}}
}

// Start is called per RPC; the job keeps the caller's context, which ends with the call.
func (j *Jobs) Start(ctx context.Context, req *JobRequest) (*JobReply, error) {
	jb := &job{ctx: ctx, name: req.Name}
	j.mu.Lock()
	j.running[req.Name] = jb // want "map-retains-request-scope"
	// Near miss: only the name is kept.
	j.names[req.Name] = jb.name
	j.mu.Unlock()
	return &JobReply{ID: req.Name}, nil
}

// Long polling: the callback writes to a response writer whose request is over.
func (j *Jobs) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	j.mu.Lock()
	j.polls[id] = append(j.polls[id], func(msg string) { // want "map-retains-request-scope"
		fmt.Fprintln(w, msg)
	})
	j.mu.Unlock()
}

var _ = (*Tracker).serveDeferred
var _ = (*Tracker).stream
