// Worker goroutines started in a loop fill one shared result map: the single
// write site races with itself.
package main

import (
	"fmt"
	"sync"
)

func squares(n int) map[int]int {
	results := make(map[int]int)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = i * i // want "concurrent-map-access"
		}(i)
	}
	wg.Wait()
	return results
}

func main() {
	fmt.Println(len(squares(2000)))
}
