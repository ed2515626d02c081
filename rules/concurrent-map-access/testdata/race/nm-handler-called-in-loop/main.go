// ServeHTTP writes its map unlocked, but the handler is never served: main calls it in a plain loop with httptest.NewRecorder, one request at a time, so no race.
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

type hitCounter struct {
	hits map[string]int
}

func (h *hitCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.hits[r.URL.Path]++
	fmt.Fprintln(w, h.hits[r.URL.Path])
}

func main() {
	h := &hitCounter{hits: map[string]int{}}
	paths := []string{"/", "/about", "/login"}
	for i := 0; i < 3000; i++ {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, paths[i%len(paths)], nil)
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			fmt.Println("unexpected status", rec.Code)
			return
		}
	}
	fmt.Println(h.hits["/"], h.hits["/about"], h.hits["/login"])
}
