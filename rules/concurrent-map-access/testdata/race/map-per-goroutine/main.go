// Every goroutine builds and uses a map of its own: nothing is shared.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	totals := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			seen := map[int]bool{}
			for i := 0; i < 500; i++ {
				seen[i%97] = true
			}
			totals[g] = len(seen)
		}(g)
	}
	wg.Wait()
	fmt.Println(totals)
}
