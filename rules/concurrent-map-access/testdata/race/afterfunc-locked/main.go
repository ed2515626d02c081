// The AfterFunc callback and the caller share the map under one mutex.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	pending := map[int]time.Time{}
	done := make(chan struct{})
	time.AfterFunc(time.Millisecond, func() {
		mu.Lock()
		defer mu.Unlock()
		for i := 0; i < 3000; i++ {
			delete(pending, i)
		}
		close(done)
	})
	for i := 0; i < 20000; i++ {
		mu.Lock()
		pending[i%3000] = time.Time{}
		mu.Unlock()
	}
	<-done
	fmt.Println("expired")
}
