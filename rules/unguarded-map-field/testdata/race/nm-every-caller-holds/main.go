// credit touches the map unlocked, but its callers are two methods that hold the lock and the constructor newLedger before the value is shared: no race.
package main

import (
	"fmt"
	"sync"
)

type ledger struct {
	mu       sync.Mutex
	balances map[string]int
}

func newLedger(accounts []string, opening int) *ledger {
	l := &ledger{balances: make(map[string]int, len(accounts))}
	for _, a := range accounts {
		l.credit(a, opening)
	}
	return l
}

func (l *ledger) credit(account string, n int) {
	l.balances[account] += n
}

func (l *ledger) Deposit(account string, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.credit(account, n)
}

func (l *ledger) Transfer(from, to string, n int) {
	l.mu.Lock()
	l.credit(from, -n)
	l.credit(to, n)
	l.mu.Unlock()
}

func (l *ledger) Balance(account string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.balances[account]
}

func main() {
	accounts := []string{"a", "b", "c", "d"}
	l := newLedger(accounts, 100)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			l.Deposit(accounts[i%4], 1)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			l.Transfer(accounts[i%4], accounts[(i+1)%4], 1)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			_ = l.Balance(accounts[i%4])
		}
	}()
	wg.Wait()
	total := 0
	for _, a := range accounts {
		total += l.Balance(a)
	}
	fmt.Println(total)
}
