// cluster has no mutex: its streams map is guarded by the lock of the node that holds it
// (node.cluster), held at every write. streamCount reads the map holding only an account's lock,
// from the API goroutine, while the apply goroutine adds streams under the node's lock.
package main

import (
	"fmt"
	"sync"
)

type cluster struct {
	streams map[string]int
}

type node struct {
	mu      sync.RWMutex
	cluster *cluster
}

type account struct {
	mu   sync.Mutex
	name string
}

func (n *node) applyStream(acc string, i int) {
	n.mu.Lock()
	cc := n.cluster
	cc.streams[acc] = i
	n.mu.Unlock()
}

func (n *node) removeStream(acc string) {
	n.mu.Lock()
	delete(n.cluster.streams, acc)
	n.mu.Unlock()
}

func (n *node) streamCount(a *account) int {
	n.mu.RLock()
	cc := n.cluster
	n.mu.RUnlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	_, ok := cc.streams[a.name] // want "unguarded-map-field"
	if ok {
		return 1
	}
	return 0
}

func main() {
	n := &node{cluster: &cluster{streams: map[string]int{}}}
	a := &account{name: "a1"}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			n.applyStream(fmt.Sprint("a", i%50), i)
			if i%3 == 0 {
				n.removeStream(fmt.Sprint("a", i%50))
			}
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			_ = n.streamCount(a)
		}
	}()
	wg.Wait()
	fmt.Println("done")
}
