// Goroutines share a sync.Map, which is safe for concurrent use.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var cache sync.Map
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				cache.Store(i%50, g)
				cache.Load(i % 7)
			}
		}(g)
	}
	wg.Wait()
	n := 0
	cache.Range(func(_, _ any) bool { n++; return true })
	fmt.Println(n)
}
