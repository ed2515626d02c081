// A time.AfterFunc callback runs on its own goroutine and fills the map while
// a worker goroutine keeps reading it.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	pending := map[int]time.Time{}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	seen := 0
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			if _, ok := pending[i%3000]; ok {
				seen++
			}
		}
	}()
	done := make(chan struct{})
	time.AfterFunc(time.Millisecond, func() {
		for i := 0; i < 20000; i++ {
			pending[i%3000] = time.Time{} // want "concurrent-map-access"
		}
		close(done)
	})
	<-done
	stop.Store(true)
	wg.Wait()
	fmt.Println(seen >= 0)
}
