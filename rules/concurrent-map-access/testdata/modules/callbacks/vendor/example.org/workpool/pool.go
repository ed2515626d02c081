// Package workpool runs tasks on a fixed number of goroutines.
package workpool

import "sync"

// Pool runs each submitted batch on its workers.
type Pool struct {
	workers int
}

// New makes a pool of n workers.
func New(n int) *Pool {
	return &Pool{workers: n}
}

// Each runs task once per worker index, on the pool's goroutines, and waits for them.
func (p *Pool) Each(task func(worker int)) {
	var wg sync.WaitGroup
	for i := 0; i < p.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			task(i)
		}()
	}
	wg.Wait()
}
