// The same visit counter, guarded by a mutex: concurrent requests are safe.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
)

var (
	mu     sync.Mutex
	visits = map[string]int{}
)

func count(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	visits[r.URL.Path]++
	mu.Unlock()
	fmt.Fprintln(w, "ok")
}

func main() {
	srv := httptest.NewServer(http.HandlerFunc(count))
	defer srv.Close()
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				resp, err := http.Get(fmt.Sprintf("%s/p%d", srv.URL, i%5))
				if err != nil {
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	fmt.Println(len(visits))
}
