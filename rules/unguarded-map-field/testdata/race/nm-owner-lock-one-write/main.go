// The registry's lock guards its own counters; it happens to be held around one write of the
// shard's map, but the shard is also written without it. Every access to the shard happens on
// the worker goroutine that owns it. A parent's lock held at only some writes is no guard.
package main

import (
	"fmt"
	"sync"
)

type shard struct {
	items map[int]string
}

type registry struct {
	mu    sync.Mutex
	total int
	shard *shard
}

func (r *registry) add(i int) {
	r.mu.Lock()
	r.total++
	r.shard.items[i] = "x"
	r.mu.Unlock()
}

func (r *registry) fill(i int) {
	r.shard.items[i+1000] = "y"
}

func (r *registry) get(i int) string {
	return r.shard.items[i]
}

func (r *registry) Total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total
}

func (r *registry) work(done chan struct{}) {
	for i := 0; i < 1000; i++ {
		r.add(i)
		r.fill(i)
		_ = r.get(i)
	}
	close(done)
}

func main() {
	r := &registry{shard: &shard{items: map[int]string{}}}
	done := make(chan struct{})
	go r.work(done)
	for i := 0; i < 100; i++ {
		_ = r.Total()
	}
	<-done
	fmt.Println(r.Total())
}
