// An HTTP handler looks routes up without the read lock that the writer
// pairs with its write lock.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

type Router struct {
	mu     sync.RWMutex
	routes map[string]string
}

func (rt *Router) Add(path, target string) {
	rt.mu.Lock()
	rt.routes[path] = target
	rt.mu.Unlock()
}

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	target, ok := rt.routes[r.URL.Path] // want "unguarded-map-field"
	if !ok {
		http.NotFound(w, r)
		return
	}
	fmt.Fprintln(w, target)
}

func main() {
	rt := &Router{routes: map[string]string{}}
	srv := httptest.NewServer(rt)
	defer srv.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			rt.Add(fmt.Sprintf("/r%d", i%50), "x")
		}
	}()
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				resp, err := http.Get(fmt.Sprintf("%s/r%d", srv.URL, i%50))
				if err != nil {
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}
