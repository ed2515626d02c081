// A time.AfterFunc callback runs on its own goroutine and fills the map while
// a worker goroutine keeps reading it.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

func main() {
	pending := map[int]time.Time{}
	var started, finished atomic.Bool
	var reads atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !started.Load() {
			runtime.Gosched()
		}
		for i := 0; !finished.Load(); i++ {
			_ = pending[i%3000]
			reads.Add(1)
		}
	}()
	time.AfterFunc(time.Millisecond, func() {
		started.Store(true)
		// Keep writing until the worker has read many times in between.
		for i := 0; reads.Load() < 2000; i++ {
			pending[i%3000] = time.Time{} // want "concurrent-map-access"
		}
		finished.Store(true)
	})
	<-done
	fmt.Println(reads.Load() >= 2000)
}
