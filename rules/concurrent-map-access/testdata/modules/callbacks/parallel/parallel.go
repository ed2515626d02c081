// Package parallel runs a function over a list, concurrently or in order.
package parallel

import "sync"

// ForEach calls fn for every item, each on its own goroutine, and waits for all of them.
func ForEach(items []string, fn func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(it)
		}()
	}
	wg.Wait()
}

// InOrder calls fn for every item, one after the other, on the caller's goroutine.
func InOrder(items []string, fn func(string)) {
	for _, it := range items {
		fn(it)
	}
}

// Later runs fn once on a goroutine of its own and returns a channel closed when it is done.
func Later(fn func()) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	return done
}
