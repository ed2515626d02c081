// sync.WaitGroup.Go (Go 1.25) starts goroutines just like go statements.
package main

import (
	"fmt"
	"sync"
)

func main() {
	byLen := map[int][]string{}
	var wg sync.WaitGroup
	for _, w := range []string{"a", "bb", "cc", "ddd", "e", "ff", "ggg", "h"} {
		wg.Go(func() {
			for i := 0; i < 200; i++ {
				byLen[len(w)] = append(byLen[len(w)], w) // want "concurrent-map-access"
			}
		})
	}
	wg.Wait()
	fmt.Println(len(byLen))
}
