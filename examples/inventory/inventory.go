// Package inventory is a small HTTP service with the map mistakes mapguard
// exists to catch. Run `npx mapguard check examples/` from the repository root.
package inventory

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

type Item struct {
	Name  string
	Count int
}

// stock is shared by every request: net/http runs each handler on its own goroutine.
var stock = map[string]int{}

func handleAdd(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	stock[name]++ // concurrent map writes: two requests can crash the process
	fmt.Fprintln(w, "ok")
}

func handleList(w http.ResponseWriter, r *http.Request) {
	var names []string
	for name := range stock {
		names = append(names, name)
	}
	// The order changes from one request to the next.
	fmt.Fprintln(w, strings.Join(names, ","))
}

type Store struct {
	mu    sync.Mutex
	items map[string]Item
}

func NewStore() *Store { return &Store{items: make(map[string]Item)} }

func (s *Store) Put(it Item) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[it.Name] = it
}

// Get forgets the lock that Put takes.
func (s *Store) Get(name string) (Item, bool) {
	it, ok := s.items[name]
	return it, ok
}

func (s *Store) Restock(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, it := range s.items {
		it.Count += n // updates a copy: the map keeps the old count
	}
}

func (s *Store) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.items {
		delete(s.items, k)
	}
}

func Totals(items []Item) map[string]int {
	var totals map[string]int
	for _, it := range items {
		totals[it.Name] += it.Count // assignment to entry in nil map
	}
	return totals
}

func Routes(s *Store) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/add", handleAdd)
	mux.HandleFunc("/list", handleList)
	mux.HandleFunc("/item", func(w http.ResponseWriter, r *http.Request) {
		it, _ := s.Get(r.URL.Query().Get("name"))
		_ = json.NewEncoder(w).Encode(it)
	})
	return mux
}
