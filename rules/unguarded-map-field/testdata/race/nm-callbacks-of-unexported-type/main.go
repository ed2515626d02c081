// The watcher callbacks update the handler's map without its lock: they are exported methods of
// an unexported type, called through an interface by the client's callback loop, one at a time.
// updateNames, which holds the lock, runs on that loop too. No two accesses overlap: no race.
package main

import (
	"fmt"
	"sync"
)

type handler struct {
	updates map[string]string
	mu      sync.Mutex
	names   map[string]bool
}

func (h *handler) updateNames(names []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, n := range names {
		h.names[n] = true
	}
	for n := range h.updates {
		if !h.names[n] {
			delete(h.updates, n)
		}
	}
}

type watcher struct {
	parent *handler
	name   string
}

func (w *watcher) ResourceChanged(v string) {
	w.parent.updates[w.name] = v
}

func (w *watcher) ResourceError(err error) {
	w.parent.updates[w.name] = err.Error()
}

func (w *watcher) AmbientError(err error) {
	_ = w.parent.updates[w.name]
}

// Watcher is what the client's loop calls back.
type Watcher interface {
	ResourceChanged(v string)
	ResourceError(err error)
	AmbientError(err error)
}

// serializer runs every callback on one goroutine, in order.
type serializer struct{ work chan func() }

func (s *serializer) run(done chan struct{}) {
	for f := range s.work {
		f()
	}
	close(done)
}

func main() {
	h := &handler{updates: map[string]string{}, names: map[string]bool{}}
	s := &serializer{work: make(chan func(), 16)}
	done := make(chan struct{})
	go s.run(done)
	var w Watcher = &watcher{parent: h, name: "r1"}
	for i := 0; i < 1000; i++ {
		s.work <- func() { w.ResourceChanged(fmt.Sprint(i)) }
		s.work <- func() { w.AmbientError(nil) }
		s.work <- func() { h.updateNames([]string{"r1"}) }
	}
	close(s.work)
	<-done
	fmt.Println(len(h.updates))
}
