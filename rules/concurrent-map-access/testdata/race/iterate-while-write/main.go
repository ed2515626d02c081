// One goroutine reports on the map by ranging over it while the main goroutine
// keeps inserting.
package main

import (
	"fmt"
	"sync"
)

func main() {
	sizes := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		total := 0
		for i := 0; i < 200; i++ {
			for _, n := range sizes {
				total += n
			}
		}
		fmt.Println(total >= 0)
	}()
	for i := 0; i < 3000; i++ {
		sizes[fmt.Sprint(i%50)] = i // want "concurrent-map-access"
	}
	wg.Wait()
}
