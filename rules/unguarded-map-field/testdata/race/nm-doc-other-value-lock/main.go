// addToPending runs on c's read loop and says the other client's lock must be held, not c's;
// c's pending set is touched only by c's read loop (here and in flushPending): no race, though
// the documented lock is of the same type as c's own.
package main

import (
	"fmt"
	"sync"
)

type client struct {
	mu      sync.Mutex
	pending map[*client]struct{}
	queued  int
}

// Add the given client to the clients that need flushing.
// This must be invoked from c's read loop. No lock for c is required,
// however, `other` lock must be held on entry.
func (c *client) addToPending(other *client) {
	if _, ok := c.pending[other]; !ok {
		other.queued++
		c.pending[other] = struct{}{}
	}
}

func (c *client) flushPending() {
	for cp := range c.pending {
		delete(c.pending, cp)
	}
}

func (c *client) deliver(to *client) {
	to.mu.Lock()
	c.addToPending(to)
	to.mu.Unlock()
}

func (c *client) readLoop(peers []*client, done chan struct{}) {
	for i := 0; i < 1000; i++ {
		c.deliver(peers[i%len(peers)])
		if i%10 == 0 {
			c.flushPending()
		}
	}
	close(done)
}

func main() {
	a := &client{pending: map[*client]struct{}{}}
	b := &client{pending: map[*client]struct{}{}}
	da, db := make(chan struct{}), make(chan struct{})
	go a.readLoop([]*client{a, b}, da)
	go b.readLoop([]*client{a, b}, db)
	<-da
	<-db
	fmt.Println(a.queued+b.queued > 0)
}
