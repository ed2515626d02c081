// Close stops the workers and waits for them before it ranges and clears the map without the lock, so no other goroutine can still touch it: no race.
package main

import (
	"fmt"
	"sync"
)

type Tracker struct {
	mu   sync.Mutex
	seen map[string]int
	quit chan struct{}
	wg   sync.WaitGroup
}

func NewTracker() *Tracker {
	return &Tracker{seen: map[string]int{}, quit: make(chan struct{})}
}

func (t *Tracker) Start(workers int) {
	for w := 0; w < workers; w++ {
		t.wg.Add(1)
		go t.work(w)
	}
}

func (t *Tracker) work(w int) {
	defer t.wg.Done()
	for i := 0; ; i++ {
		select {
		case <-t.quit:
			return
		default:
		}
		t.mu.Lock()
		t.seen[fmt.Sprintf("w%d-%d", w, i%50)]++
		t.mu.Unlock()
	}
}

func (t *Tracker) Count(k string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.seen[k]
}

// Close stops the workers and returns the total number of events seen.
func (t *Tracker) Close() int {
	close(t.quit)
	t.wg.Wait()
	total := 0
	for _, n := range t.seen {
		total += n
	}
	clear(t.seen)
	return total
}

func main() {
	t := NewTracker()
	t.Start(3)
	for i := 0; i < 3000; i++ {
		_ = t.Count(fmt.Sprintf("w%d-%d", i%3, i%50))
	}
	fmt.Println(t.Close() > 0)
}
