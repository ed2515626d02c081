// The gather loop takes the lock and either delivers (unlock, continue) or jumps to waitForMsgs
// still holding it; expire runs only there, so it always holds the lock, like every other access
// of the waiting map: no race.
package main

import (
	"fmt"
	"sync"
)

type consumer struct {
	mu      sync.Mutex
	waiting map[int]int
	sent    int
}

// expire drops the waiting requests that timed out.
func (o *consumer) expire() {
	for k, v := range o.waiting {
		if v%3 == 0 {
			delete(o.waiting, k)
		}
	}
}

func (o *consumer) loop(done chan struct{}) {
	for i := 0; i < 2000; i++ {
		o.mu.Lock()
		if i%2 == 0 {
			goto waitForMsgs
		}
		o.sent++
		o.mu.Unlock()
		continue

	waitForMsgs:
		o.expire()
		o.mu.Unlock()
	}
	close(done)
}

func (o *consumer) Request(k int) {
	o.mu.Lock()
	o.waiting[k] = k
	o.mu.Unlock()
}

func main() {
	o := &consumer{waiting: map[int]int{}}
	done := make(chan struct{})
	go o.loop(done)
	for i := 0; i < 2000; i++ {
		o.Request(i)
	}
	<-done
	fmt.Println("done")
}
