// A worker receives queues over a channel and reads their client map without the queue's lock,
// while Add writes it under the lock: the value handed over the channel is shared, so they race.
package main

import (
	"fmt"
	"sync"
)

type Queue struct {
	mu      sync.Mutex
	clients map[int]string
}

func (q *Queue) Add(id int) {
	q.mu.Lock()
	q.clients[id] = "c"
	q.mu.Unlock()
}

func worker(work <-chan *Queue, done chan<- int) {
	n := 0
	for q := range work {
		if _, ok := q.clients[n%50]; ok { // want "unguarded-map-field"
			n++
		}
	}
	done <- n
}

func main() {
	q := &Queue{clients: map[int]string{}}
	work := make(chan *Queue)
	done := make(chan int)
	go worker(work, done)
	go func() {
		for i := 0; i < 3000; i++ {
			q.Add(i % 50)
		}
	}()
	for i := 0; i < 3000; i++ {
		work <- q
	}
	close(work)
	fmt.Println(<-done >= 0)
}
