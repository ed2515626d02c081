package removals

import (
	"net/http"
	"sync"
)

// Notifier is built once and serves every request.
type Notifier struct {
	mu      sync.Mutex
	waiting map[string][]chan bool
	fired   map[string][]chan bool
}

func NewNotifier() *Notifier {
	return &Notifier{waiting: map[string][]chan bool{}, fired: map[string][]chan bool{}}
}

func joinKey(subject, queue string) string {
	if queue == "" {
		return subject
	}
	return subject + " " + queue
}

func (n *Notifier) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	subject, queue := r.URL.Query().Get("subject"), r.URL.Query().Get("queue")
	if r.Method == http.MethodDelete {
		n.unwatch(subject, queue)
		n.unfire(subject, queue)
		return
	}
	n.watch(subject, queue)
	n.fire(subject, queue)
}

func (n *Notifier) watch(subject, queue string) {
	key := joinKey(subject, queue)
	n.mu.Lock()
	defer n.mu.Unlock()
	n.waiting[key] = append(n.waiting[key], make(chan bool, 1)) // want "unbounded-map-growth"
}

// The entry is looked up under key but deleted under subject: entries with a queue stay.
func (n *Notifier) unwatch(subject, queue string) {
	key := joinKey(subject, queue)
	n.mu.Lock()
	defer n.mu.Unlock()
	if chs := n.waiting[key]; len(chs) > 0 {
		delete(n.waiting, subject)
	}
}

// Near miss: the same shape, deleted under the key the entry was stored with.
func (n *Notifier) fire(subject, queue string) {
	key := joinKey(subject, queue)
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fired[key] = append(n.fired[key], make(chan bool, 1))
}

func (n *Notifier) unfire(subject, queue string) {
	key := joinKey(subject, queue)
	n.mu.Lock()
	defer n.mu.Unlock()
	if chs := n.fired[key]; len(chs) > 0 {
		delete(n.fired, key)
	}
}
