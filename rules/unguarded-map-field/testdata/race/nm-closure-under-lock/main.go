// Map accesses in a closure called inside the locked section, in an eviction callback only the locked Add calls, and in a Put only Replay calls under Apply's lock all hold the mutex: no race.
package main

import (
	"fmt"
	"sync"
)

// (a) A closure defined and called inside the locked section.

type Index struct {
	mu   sync.Mutex
	refs map[string]int
}

func (x *Index) Ref(k string) {
	x.mu.Lock()
	x.refs[k]++
	x.mu.Unlock()
}

// Prune drops the keys among candidates that have no references left.
func (x *Index) Prune(candidates []string) int {
	x.mu.Lock()
	defer x.mu.Unlock()
	valid := func(k string) bool { return x.refs[k] != 0 }
	n := 0
	for _, k := range candidates {
		if !valid(k) {
			delete(x.refs, k)
			n++
		}
	}
	return n
}

// (b) An eviction callback stored in a field, only called by the locked Add.

type LRU struct {
	mu      sync.Mutex
	max     int
	order   []string
	vals    map[string]int
	onEvict func(k string)
}

func NewLRU(max int) *LRU {
	c := &LRU{max: max, vals: map[string]int{}}
	c.onEvict = func(k string) { delete(c.vals, k) }
	return c
}

func (c *LRU) Add(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.vals[k]; !ok {
		c.order = append(c.order, k)
	}
	c.vals[k] = v
	if len(c.order) > c.max {
		oldest := c.order[0]
		c.order = c.order[1:]
		c.onEvict(oldest)
	}
}

func (c *LRU) Get(k string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.vals[k]
	return v, ok
}

// (c) A batch replayed into the DB while Apply holds the DB's lock.

type Writer interface {
	Put(k string, v int)
}

type op struct {
	k string
	v int
}

type Batch struct {
	ops []op
}

func (b *Batch) Set(k string, v int) { b.ops = append(b.ops, op{k, v}) }

func (b *Batch) Replay(w Writer) {
	for _, o := range b.ops {
		w.Put(o.k, o.v)
	}
}

type DB struct {
	mu   sync.Mutex
	data map[string]int
}

// Put writes one entry. It is only called by Batch.Replay from Apply, which
// holds d.mu.
func (d *DB) Put(k string, v int) {
	d.data[k] = v
}

func (d *DB) Apply(b *Batch) {
	d.mu.Lock()
	defer d.mu.Unlock()
	b.Replay(d)
}

func (d *DB) Get(k string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.data[k]
}

func main() {
	x := &Index{refs: map[string]int{}}
	c := NewLRU(16)
	db := &DB{data: map[string]int{}}
	keys := []string{"a", "b", "c", "d", "e"}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				k := fmt.Sprint(i % 40)
				if g%2 == 0 {
					x.Ref(keys[i%5])
					c.Add(k, i)
					var b Batch
					b.Set(k, i)
					b.Set(keys[i%5], g)
					db.Apply(&b)
				} else {
					x.Prune(keys)
					_, _ = c.Get(k)
					_ = db.Get(k)
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(db.Get("a") >= 0)
}
