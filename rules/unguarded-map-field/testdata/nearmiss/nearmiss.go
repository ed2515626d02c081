// Lock-free map accesses that are still fine.
package nearmiss

import "sync"

// The table is built once under the lock and only replaced whole, never changed in place.
type lineTable struct {
	mu      sync.Mutex
	fileMap map[string]int
}

func (t *lineTable) init(files []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.fileMap != nil {
		return
	}
	m := make(map[string]int, len(files))
	for i, f := range files {
		m[f] = i
	}
	t.fileMap = m
}

func (t *lineTable) lookup(file string) int {
	t.init(nil)
	return t.fileMap[file]
}

// The constructor fills the map before anyone else can see the value.
type index struct {
	mu   sync.RWMutex
	byID map[int]string
}

func newIndex(ids []int) *index {
	ix := &index{byID: make(map[int]string)}
	for _, id := range ids {
		ix.byID[id] = ""
	}
	return ix
}

func (ix *index) set(id int, v string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.byID[id] = v
}

func (ix *index) get(id int) string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.byID[id]
}

// Helpers documented as running with the lock held.
type queue struct {
	mu      sync.Mutex
	waiting map[string]int
}

func (q *queue) push(k string) {
	q.mu.Lock()
	q.bump(k)
	q.mu.Unlock()
}

// bump counts k. q.mu must be held.
func (q *queue) bump(k string) {
	q.waiting[k]++
}

func (q *queue) drop(k string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.waiting, k)
}
