// sync.Once makes the map's creation safe, not the writes that follow it.
package main

import (
	"fmt"
	"sync"
)

var (
	once  sync.Once
	cache map[string]int
)

func remember(k string, v int) {
	once.Do(func() { cache = make(map[string]int) })
	cache[k] = v // want "concurrent-map-access"
}

func main() {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				remember(fmt.Sprint(i%20), g)
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(len(cache))
}
