// Lookups take the read lock; a miss releases it and takes the write lock
// before inserting.
package main

import (
	"fmt"
	"sync"
)

type Interner struct {
	mu  sync.RWMutex
	ids map[string]int
}

func (in *Interner) ID(s string) int {
	in.mu.RLock()
	id, ok := in.ids[s]
	in.mu.RUnlock()
	if ok {
		return id
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if id, ok := in.ids[s]; ok {
		return id
	}
	id = len(in.ids)
	in.ids[s] = id
	return id
}

func main() {
	in := &Interner{ids: map[string]int{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				in.ID(fmt.Sprint(i % 50))
			}
		}()
	}
	wg.Wait()
	fmt.Println(in.ID("x") >= 0)
}
