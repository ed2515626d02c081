// Readers hold the read lock, the writer the write lock.
package main

import (
	"fmt"
	"sync"
)

type Table struct {
	mu   sync.RWMutex
	rows map[int]string
}

func (t *Table) Put(id int, v string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rows[id] = v
}

func (t *Table) Len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.rows)
}

func (t *Table) Each(f func(int, string)) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for id, v := range t.rows {
		f(id, v)
	}
}

func main() {
	t := &Table{rows: map[int]string{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			t.Put(i%100, "v")
		}
	}()
	go func() {
		defer wg.Done()
		n := 0
		for i := 0; i < 200; i++ {
			t.Each(func(int, string) { n++ })
		}
		fmt.Println(n >= 0, t.Len() >= 0)
	}()
	wg.Wait()
}
