// Each worker fills its own map; the maps are merged after Wait.
package main

import (
	"fmt"
	"sync"
)

func squares(workers, per int) map[int]int {
	parts := make([]map[int]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			local := make(map[int]int, per)
			for i := w * per; i < (w+1)*per; i++ {
				local[i] = i * i
			}
			parts[w] = local
		}(w)
	}
	wg.Wait()
	merged := make(map[int]int, workers*per)
	for _, p := range parts {
		for k, v := range p {
			merged[k] = v
		}
	}
	return merged
}

func main() {
	fmt.Println(len(squares(8, 250)))
}
