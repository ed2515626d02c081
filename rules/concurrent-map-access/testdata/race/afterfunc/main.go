// time.AfterFunc runs its callback on its own goroutine while the caller keeps
// writing the same map.
package main

import (
	"fmt"
	"time"
)

func main() {
	pending := map[int]time.Time{}
	done := make(chan struct{})
	time.AfterFunc(time.Millisecond, func() {
		for i := 0; i < 3000; i++ {
			delete(pending, i) // want "concurrent-map-access"
		}
		close(done)
	})
	for i := 0; ; i++ {
		pending[i%3000] = time.Time{} // want "concurrent-map-access"
		select {
		case <-done:
			fmt.Println("expired after", i > 0)
			return
		default:
		}
	}
}
