// A table filled inside sync.Once.Do and only read afterwards: every Do returns after the fill,
// so the goroutines that call load never race on it (shape of a vendor list read on first use).
package main

import (
	"fmt"
	"sync"
)

var (
	tableOnce sync.Once
	table     map[string]int
)

func load() map[string]int {
	tableOnce.Do(func() {
		table = make(map[string]int)
		for i, k := range []string{"a", "b", "c"} {
			table[k] = i
		}
	})
	return table
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = load()["b"]
		}()
	}
	wg.Wait()
	fmt.Println(len(table))
}
