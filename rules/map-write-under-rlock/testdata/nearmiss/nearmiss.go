// Writes made while a read lock is held that do not touch the guarded map.
package nearmiss

import "sync"

type template struct {
	mu   sync.RWMutex
	defs map[string]string
}

// clone writes the new value's map, which nobody else can see yet.
func (t *template) clone() *template {
	nt := newTemplate()
	t.mu.RLock()
	defer t.mu.RUnlock()
	for k, v := range t.defs {
		nt.defs[k] = v
	}
	return nt
}

func newTemplate() *template {
	return &template{defs: map[string]string{}}
}

// names fills a map owned by the caller.
func (t *template) names(into map[string]bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for k := range t.defs {
		into[k] = true
	}
}

// counts builds a local map under the read lock.
func (t *template) counts() map[int]int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := map[int]int{}
	for _, v := range t.defs {
		out[len(v)]++
	}
	return out
}

// define takes the write lock after checking under the read lock.
func (t *template) define(name, body string) {
	t.mu.RLock()
	_, ok := t.defs[name]
	t.mu.RUnlock()
	if ok {
		return
	}
	t.mu.Lock()
	t.defs[name] = body
	t.mu.Unlock()
}
