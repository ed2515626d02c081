package retain

import (
	"context"
	"log"
	"net/http"
	"sync"
)

var (
	lastMu      sync.Mutex
	lastRequest = map[string]*http.Request{}
)

func remember(w http.ResponseWriter, r *http.Request) {
	lastMu.Lock()
	lastRequest[r.RemoteAddr] = r // want "map-retains-request-scope"
	lastMu.Unlock()
}

// Hub is built once and serves every stream.
type Hub struct {
	writers  sync.Map
	mu       sync.Mutex
	contexts map[string]context.Context
	onDone   map[string]func()
	pending  map[string]*pendingCall
}

type pendingCall struct {
	req  *http.Request
	note string
}

func NewHub() *Hub {
	return &Hub{contexts: map[string]context.Context{}, onDone: map[string]func(){}, pending: map[string]*pendingCall{}}
}

func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	h.writers.Store(id, w) // want "map-retains-request-scope"
	h.mu.Lock()
	defer h.mu.Unlock()
	h.contexts[id] = r.Context() // want "map-retains-request-scope"
	h.onDone[id] = func() { // want "map-retains-request-scope"
		log.Printf("done: %s", r.URL.Path)
	}
	h.pending[id] = &pendingCall{req: r, note: "queued"} // want "map-retains-request-scope"
}

type SubscribeRequest struct{ Topic string }

type SubscribeReply struct{}

// Subscribe is called per RPC; the derived context keeps the caller's values alive.
func (h *Hub) Subscribe(ctx context.Context, req *SubscribeRequest) (*SubscribeReply, error) {
	sub, cancel := context.WithCancel(ctx)
	_ = cancel
	h.mu.Lock()
	h.contexts[req.Topic] = sub // want "map-retains-request-scope"
	h.mu.Unlock()
	return &SubscribeReply{}, nil
}
