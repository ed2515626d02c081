package ptrkey

import (
	"fmt"
	"sync"
)

type node struct {
	id   int
	name string
}

func countNodes(ids []int) int {
	seen := make(map[*node]bool)
	for _, id := range ids {
		seen[&node{id: id}] = true // want "map-pointer-identity-key"
	}
	return len(seen)
}

type conn struct{ addr string }

var (
	connsMu sync.Mutex
	conns   = map[*conn]int{}
)

func track(addr string) {
	connsMu.Lock()
	conns[&conn{addr: addr}]++ // want "map-pointer-identity-key"
	connsMu.Unlock()
}

func lookup(addr string) int {
	connsMu.Lock()
	defer connsMu.Unlock()
	return conns[&conn{addr: addr}] // a different address: always 0
}

type key struct{ tenant, name string }

type Index struct {
	entries sync.Map
}

func (ix *Index) Put(tenant, name string, v int) {
	ix.entries.Store(&key{tenant: tenant, name: name}, v) // want "map-pointer-identity-key"
}

func remember(values map[string]int) {
	byAddr := map[*int]string{}
	for name, v := range values {
		x := v
		byAddr[&x] = name // want "map-pointer-identity-key"
	}
	fmt.Println(len(byAddr))
}

func allocate(n int) int {
	slots := map[*[64]byte]int{}
	for i := 0; i < n; i++ {
		slots[new([64]byte)] = i // want "map-pointer-identity-key"
	}
	return len(slots)
}
