// Each accepted connection gets its own conn, made by accept before it starts the conn's read
// loop; the read loop is the only goroutine touching that conn's pending map. accept runs once
// per connection, so several read loops run at once, but never on the same map: no race.
package main

import (
	"fmt"
	"sync"
)

type server struct {
	wg sync.WaitGroup
}

type conn struct {
	mu      sync.Mutex
	pending map[int]bool
	flushed int
}

func (s *server) accept(id int) {
	c := &conn{pending: map[int]bool{}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		c.readLoop(id)
	}()
}

func (c *conn) readLoop(id int) {
	for i := 0; i < 2000; i++ {
		c.queue(id*10000 + i)
		if i%10 == 0 {
			c.flush()
		}
	}
	c.mu.Lock()
	left := len(c.pending)
	c.mu.Unlock()
	_ = left
}

func (c *conn) queue(i int) {
	c.pending[i] = true
}

func (c *conn) flush() {
	for k := range c.pending {
		delete(c.pending, k)
		c.flushed++
	}
}

// acceptLoop stands for a listener's loop: one accept per incoming connection.
func (s *server) acceptLoop(n int, done chan struct{}) {
	for id := 0; id < n; id++ {
		s.accept(id)
	}
	close(done)
}

func main() {
	s := &server{}
	done := make(chan struct{})
	go s.acceptLoop(4, done)
	<-done
	s.wg.Wait()
	fmt.Println("done")
}
