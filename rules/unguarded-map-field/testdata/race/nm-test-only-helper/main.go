// The tree's levels are guarded by the tree's lock, held at every insert. numLevels walks them
// without it, but only the tests call it, after their goroutines are done: no race.
package main

import (
	"fmt"
	"sync"
)

type level struct {
	nodes map[string]*node
}

type node struct {
	next *level
}

type Tree struct {
	sync.RWMutex
	root *level
}

func newTree() *Tree {
	return &Tree{root: &level{nodes: map[string]*node{}}}
}

func (t *Tree) Insert(tokens []string) {
	t.Lock()
	defer t.Unlock()
	l := t.root
	for _, tok := range tokens {
		n := l.nodes[tok]
		if n == nil {
			n = &node{next: &level{nodes: map[string]*node{}}}
			l.nodes[tok] = n
		}
		l = n.next
	}
}

func (t *Tree) Has(tok string) bool {
	t.RLock()
	defer t.RUnlock()
	return t.root.nodes[tok] != nil
}

// numLevels reports the depth of the tree, for the tests.
func (t *Tree) numLevels() int {
	return visitLevel(t.root, 0)
}

func visitLevel(l *level, depth int) int {
	if l == nil || len(l.nodes) == 0 {
		return depth
	}
	max := depth + 1
	for _, n := range l.nodes {
		if d := visitLevel(n.next, depth+1); d > max {
			max = d
		}
	}
	return max
}

func main() {
	t := newTree()
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				t.Insert([]string{fmt.Sprint(i % 7), fmt.Sprint(g)})
				_ = t.Has("1")
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(t.Has("1"))
}
