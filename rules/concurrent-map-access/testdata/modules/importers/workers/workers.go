// Package workers starts goroutines that call into store.
package workers

import (
	"fmt"
	"sync"

	"example.com/importers/store"
)

// Start registers one hook per worker, each from its own goroutine.
func Start(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			store.Hook(fmt.Sprint("worker-", i), func() {})
		}()
	}
	wg.Wait()
}

// Record writes each journal from a goroutine of its own, and remembers names under a lock.
func Record(journals []*store.Journal, names []string) {
	var wg sync.WaitGroup
	for _, j := range journals {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 100; n++ {
				j.Write(n, "entry")
			}
		}()
	}
	var mu sync.Mutex
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			store.Remember(name)
			mu.Unlock()
		}()
	}
	wg.Wait()
}
