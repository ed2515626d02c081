// assignments returns an iterator over the cluster's streams; its callers range over it while
// they hold the node's lock, which every write of the map holds too. The iterator's body runs
// inside that range, under the lock: no race.
package main

import (
	"fmt"
	"iter"
	"sync"
)

type cluster struct {
	streams map[string]int
}

type node struct {
	mu      sync.RWMutex
	cluster *cluster
}

func (n *node) apply(name string, v int) {
	n.mu.Lock()
	n.cluster.streams[name] = v
	n.mu.Unlock()
}

// Will gather all stream assignments.
// Lock should be held.
func (n *node) assignments() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		cc := n.cluster
		for name, v := range cc.streams {
			if !yield(name, v) {
				return
			}
		}
	}
}

func (n *node) Total() int {
	n.mu.RLock()
	defer n.mu.RUnlock()
	total := 0
	for _, v := range n.assignments() {
		total += v
	}
	return total
}

func main() {
	n := &node{cluster: &cluster{streams: map[string]int{}}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			n.apply(fmt.Sprint("s", i%20), i)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			_ = n.Total()
		}
	}()
	wg.Wait()
	fmt.Println(n.Total() > 0)
}
