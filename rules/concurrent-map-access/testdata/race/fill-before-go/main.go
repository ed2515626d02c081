// The map is filled before the goroutines start and only read afterwards:
// the go statement orders the writes before every read.
package main

import (
	"fmt"
	"sync"
)

func main() {
	names := map[int]string{}
	for i := 0; i < 1000; i++ {
		names[i] = fmt.Sprint(i)
	}
	var wg sync.WaitGroup
	lens := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				lens[g] += len(names[i])
			}
		}(g)
	}
	wg.Wait()
	names[-1] = "done"
	fmt.Println(lens, len(names))
}
