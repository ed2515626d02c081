package removals

import (
	"net/http"
	"strconv"
	"sync"
)

// Weights tracks queue weights for as long as the server runs.
type Weights struct {
	mu       sync.Mutex
	counts   map[string]int32
	lastSent map[string]int32
	sentOK   map[string]int32
	shown    map[string]int32
}

func NewWeights() *Weights {
	return &Weights{counts: map[string]int32{}, lastSent: map[string]int32{}, sentOK: map[string]int32{}, shown: map[string]int32{}}
}

func (ws *Weights) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	delta, _ := strconv.Atoi(r.URL.Query().Get("delta"))
	key := r.URL.Query().Get("queue")
	ws.update(key, int32(delta))
	ws.updateGuarded(key, int32(delta))
	ws.show(key, int32(delta))
}

// The delete for a count that drops to zero is undone further down: lastSent keeps the key.
func (ws *Weights) update(key string, delta int32) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	n := ws.counts[key] + delta
	if n <= 0 {
		delete(ws.counts, key)
		delete(ws.lastSent, key)
	} else {
		ws.counts[key] = n
	}
	if last, ok := ws.lastSent[key]; ok && last == n {
		return
	}
	ws.lastSent[key] = n // want "unbounded-map-growth"
}

// Near miss: the re-add is guarded by the opposite of the delete's condition.
func (ws *Weights) updateGuarded(key string, delta int32) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	n := ws.counts[key] + delta
	if n <= 0 {
		delete(ws.sentOK, key)
	}
	if last, ok := ws.sentOK[key]; ok && last == n {
		return
	} else if n > 0 {
		ws.sentOK[key] = n
	}
}

// Near miss: delete and store sit in the two branches of one if.
func (ws *Weights) show(key string, n int32) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if n <= 0 {
		delete(ws.shown, key)
		return
	}
	ws.shown[key] = n
}
