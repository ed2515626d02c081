// refreshLimits says the account lock is held, and its callers do hold it: it reads the
// account's keys under the lock that guards them. The comment names the account's lock, not the
// client's own, so the read is guarded: nothing to report.
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

// Refresh the client's limits from its account.
// Account lock should be held.
func (c *client) refreshLimits(issuer string) int {
	if l, ok := c.acc.signingKeys[issuer]; ok {
		return l
	}
	return 0
}

func (c *client) Register() {
	c.acc.mu.RLock()
	l := c.refreshLimits("k1")
	c.acc.mu.RUnlock()
	c.mu.Lock()
	c.limit = l
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
			c.Register()
		}
	}()
	wg.Wait()
	fmt.Println("done")
}
