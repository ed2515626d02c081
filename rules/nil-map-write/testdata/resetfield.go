package testdata

// want-severity: warning
// Map fields the package sets back to nil and tests for nil elsewhere, written
// where nothing checks or allocates them first.

import (
	"errors"
	"sync"
)

type listener struct {
	mu    sync.Mutex
	conns map[int]bool
}

func newListener() *listener { return &listener{conns: make(map[int]bool)} }

func (l *listener) logf(format string, args ...interface{}) { _ = format }

func (l *listener) serve(ids <-chan int) {
	for id := range ids {
		l.mu.Lock()
		if l.conns == nil {
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
		go func(id int) {
			if id < 0 {
				l.logf("bad id %d", id)
				return
			}
			// The check above ran under an earlier lock: stop may have run since.
			l.mu.Lock()
			l.conns[id] = true // want "nil-map-write"
			l.mu.Unlock()
		}(id)
	}
}

// stop drains the map through a local and drops it: the listener stays alive.
func (l *listener) stop() {
	l.mu.Lock()
	drained := l.conns
	l.conns = nil
	l.mu.Unlock()
	for id := range drained {
		l.logf("closing %d", id)
	}
}

type block struct {
	msgs  int
	index map[string]int
}

func (b *block) loadIndex() error {
	if b.index != nil {
		return nil
	}
	if b.msgs == 0 {
		b.index = make(map[string]int)
		return nil
	}
	return errors.New("index file unreadable")
}

func (b *block) dropCache() { b.index = nil }

func (b *block) store(subj string) {
	b.loadIndex()
	b.index[subj]++ // want "nil-map-write"
}
