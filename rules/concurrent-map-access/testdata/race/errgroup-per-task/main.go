// errgroup tasks write into their own slot; the map is built after Wait.
package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	names := []string{"a", "b", "c", "d"}
	sizes := make([]int, len(names))
	var g errgroup.Group
	for i := range names {
		g.Go(func() error {
			sizes[i] = len(names[i]) * 10
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println(err)
	}
	byName := make(map[string]int, len(names))
	for i, n := range names {
		byName[n] = sizes[i]
	}
	fmt.Println(byName)
}
