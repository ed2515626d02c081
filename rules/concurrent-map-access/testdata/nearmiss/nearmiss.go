// Shapes that look concurrent but share no map between goroutines.
package nearmiss

import (
	"net"
	"sync"
)

// Each accepted connection gets its own conn value, so its map is per goroutine.
type conn struct {
	nc      net.Conn
	pending map[int]string
}

func (c *conn) serve() {
	for i := 0; i < 3; i++ {
		c.pending[i] = "x"
	}
	delete(c.pending, 0)
}

func acceptLoop(l net.Listener) {
	for {
		nc, err := l.Accept()
		if err != nil {
			return
		}
		c := &conn{nc: nc, pending: map[int]string{}}
		go c.serve()
	}
}

// A helper's local map belongs to each call, even when goroutines call it.
func histogram(words []string) map[string]int {
	counts := map[string]int{}
	for _, w := range words {
		counts[w]++
	}
	return counts
}

func histograms(parts [][]string) []map[string]int {
	out := make([]map[string]int, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = histogram(p)
		}()
	}
	wg.Wait()
	return out
}

// The launcher waits for the goroutine right away: the two never overlap.
func loadThenUse(keys []string) map[string]bool {
	seen := map[string]bool{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, k := range keys {
			seen[k] = true
		}
	}()
	<-done
	seen["done"] = true
	return seen
}

// A callback run under the lock by a helper.
func withLock(mu *sync.Mutex, f func()) {
	mu.Lock()
	defer mu.Unlock()
	f()
}

type registry struct {
	mu    sync.Mutex
	names map[string]int
}

func (r *registry) fill(names []string) {
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			withLock(&r.mu, func() { r.names[n] = i })
		}()
	}
	wg.Wait()
}
