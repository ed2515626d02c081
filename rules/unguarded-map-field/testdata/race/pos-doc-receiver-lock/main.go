// applyLimits says "Lock is held on entry": its caller holds the client's own lock, not the
// account's. It reads the account's signing keys, which the account guards with its lock, while
// the account update goroutine rewrites them: the read races with the writes.
package main

import (
	"fmt"
	"sync"
)

type account struct {
	mu          sync.RWMutex
	signingKeys map[string]int
}

type client struct {
	mu    sync.Mutex
	acc   *account
	limit int
}

func (a *account) updateKeys(i int) {
	a.mu.Lock()
	a.signingKeys[fmt.Sprint("k", i%20)] = i
	a.mu.Unlock()
}

// Apply the account's limits to the client.
// Lock is held on entry.
func (c *client) applyLimits(issuer string) {
	if l, ok := c.acc.signingKeys[issuer]; ok { // want "unguarded-map-field"
		c.limit = l
	}
}

func (c *client) register() {
	c.mu.Lock()
	c.applyLimits("k1")
	c.mu.Unlock()
}

func main() {
	a := &account{signingKeys: map[string]int{}}
	c := &client{acc: a}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			a.updateKeys(i)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			c.register()
		}
	}()
	wg.Wait()
	fmt.Println(c.limit >= 0)
}
