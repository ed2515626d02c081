// want-severity: warning
// Findings without a witness are warnings: len() and replacing the whole field are data races on
// the field, never the runtime's fatal map error, and a discipline broken where no concurrent
// partner is visible is a hint for the reviewer, not a proven race.
package evidence

import (
	"sort"
	"sync"
)

type Registry struct {
	mu    sync.Mutex
	names map[string]int
}

func (r *Registry) Add(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names[name]++
}

func (r *Registry) Remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.names, name)
}

func (r *Registry) Count(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.names[name]
}

func (r *Registry) Names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.names))
	for n := range r.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Size reads only the length.
func (r *Registry) Size() int {
	return len(r.names) // want "unguarded-map-field"
}

// Reset swaps in a new map without the lock.
func (r *Registry) Reset() {
	r.names = map[string]int{} // want "unguarded-map-field"
}

// Has skips the lock, but this package starts no goroutine and nothing says Registry is shared:
// no witness, so a warning.
func (r *Registry) Has(name string) bool {
	return r.names[name] > 0 // want "unguarded-map-field"
}
