// A ServeHTTP method keeps per-user hit counts in a field of the server.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

type server struct {
	hits map[string]int
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("u")
	s.hits[user]++ // want "concurrent-map-access"
	fmt.Fprintln(w, s.hits[user])
}

func main() {
	srv := httptest.NewServer(&server{hits: map[string]int{}})
	defer srv.Close()
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				resp, err := http.Get(fmt.Sprintf("%s/?u=%d", srv.URL, (c+i)%3))
				if err != nil {
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}(c)
	}
	wg.Wait()
}
