// Ack and Resend skip c.mu, but every access to pending, with or without c.mu, runs while holding c.opMu, which serialises them all: no race.
package main

import (
	"fmt"
	"sync"
)

type Conn struct {
	opMu sync.Mutex // serialises whole operations on the connection

	mu      sync.Mutex
	pending map[int]string
	sent    int
}

func (c *Conn) Send(id int, msg string) {
	c.opMu.Lock()
	defer c.opMu.Unlock()
	c.mu.Lock()
	c.pending[id] = msg
	c.sent++
	c.mu.Unlock()
}

func (c *Conn) Pending() int {
	c.opMu.Lock()
	defer c.opMu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending)
}

func (c *Conn) Waiting(id int) bool {
	c.opMu.Lock()
	defer c.opMu.Unlock()
	c.mu.Lock()
	_, ok := c.pending[id]
	c.mu.Unlock()
	return ok
}

func (c *Conn) Ack(id int) {
	c.opMu.Lock()
	delete(c.pending, id)
	c.opMu.Unlock()
}

// Resend returns the messages still waiting for an ack.
func (c *Conn) Resend() []string {
	c.opMu.Lock()
	defer c.opMu.Unlock()
	var out []string
	for _, msg := range c.pending {
		out = append(out, msg)
	}
	return out
}

func main() {
	c := &Conn{pending: map[int]string{}}
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			c.Send(i%200, "m")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			c.Ack(i % 200)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			_ = c.Resend()
			_ = c.Pending()
			_ = c.Waiting(i % 200)
		}
	}()
	wg.Wait()
	fmt.Println(c.Pending() >= 0)
}
