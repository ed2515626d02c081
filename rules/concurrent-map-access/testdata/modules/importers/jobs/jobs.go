// Package jobs runs items on goroutines and records them through an interface.
package jobs

import (
	"sync"

	"example.com/importers/store"
)

// Recorder notes item names.
type Recorder interface {
	Record(name string)
}

// Runner records every item it runs; its recorder is always a store.Log.
type Runner struct {
	rec Recorder
}

// NewRunner makes a runner recording into a new store.Log.
func NewRunner() *Runner {
	return &Runner{rec: store.NewLog()}
}

// Run handles each item on its own goroutine.
func (r *Runner) Run(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.rec.Record(it)
		}()
	}
	wg.Wait()
}

// Mixed runs like Runner, but its recorder is a store.Names or a locked recorder of its own.
type Mixed struct {
	rec Recorder
}

// NewMixed makes a runner recording into a store.Names.
func NewMixed() *Mixed {
	return &Mixed{rec: store.NewNames()}
}

// NewLockedMixed makes a runner recording into a recorder that takes a lock.
func NewLockedMixed() *Mixed {
	return &Mixed{rec: &lockedRecorder{names: map[string]bool{}}}
}

// Run handles each item on its own goroutine.
func (m *Mixed) Run(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.rec.Record(it)
		}()
	}
	wg.Wait()
}

type lockedRecorder struct {
	mu    sync.Mutex
	names map[string]bool
}

func (l *lockedRecorder) Record(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.names[name] = true
}
