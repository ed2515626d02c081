// errgroup.Group.Go runs each task on its own goroutine; the tasks record
// their sizes in one shared map.
package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	sizes := map[string]int{}
	var g errgroup.Group
	for i := 0; i < 16; i++ {
		name := fmt.Sprintf("file%d", i%4)
		g.Go(func() error {
			for j := 0; j < 100; j++ {
				sizes[name] += j // want "concurrent-map-access"
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(sizes))
}
