// Drives the racing calls: concurrent requests on one server, and one hook per worker.
package main

import (
	"fmt"
	"net/http/httptest"
	"sync"

	"example.com/importers/api"
	"example.com/importers/jobs"
	"example.com/importers/store"
	"example.com/importers/workers"
)

func main() {
	srv := api.NewServer()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", fmt.Sprintf("/p%d", j), nil))
			}
		}()
	}
	wg.Wait()
	workers.Start(8)
	jobs.NewRunner().Run([]string{"a", "b", "c", "d", "e", "f", "g", "h"})
	fmt.Println(store.Hooks())
}
