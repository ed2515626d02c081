// Each accepted connection gets its own conn, but the read loops record what they saw in the
// server's map, which every conn points to; Seen takes the server's lock, the read loops do not.
// accept runs once per connection, so two read loops write the one map at once.
package main

import (
	"fmt"
	"sync"
)

type server struct {
	wg   sync.WaitGroup
	mu   sync.Mutex
	seen map[int]bool
}

type conn struct {
	srv *server
}

func (s *server) accept(id int) {
	c := &conn{srv: s}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		c.readLoop(id)
	}()
}

func (c *conn) readLoop(id int) {
	for i := 0; i < 2000; i++ {
		c.srv.seen[id*10000+i] = true // want "unguarded-map-field"
	}
}

func (s *server) Seen(i int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[i]
}

// acceptLoop stands for a listener's loop: one accept per incoming connection.
func (s *server) acceptLoop(n int, done chan struct{}) {
	for id := 0; id < n; id++ {
		s.accept(id)
	}
	close(done)
}

func main() {
	s := &server{seen: map[int]bool{}}
	done := make(chan struct{})
	go s.acceptLoop(4, done)
	<-done
	s.wg.Wait()
	fmt.Println(s.Seen(1))
}
