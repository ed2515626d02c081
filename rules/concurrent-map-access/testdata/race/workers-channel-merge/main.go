// Workers send their results over a channel; only the collecting goroutine
// writes the map.
package main

import "fmt"

type pair struct{ k, v int }

func squares(n int) map[int]int {
	ch := make(chan pair)
	for i := 0; i < n; i++ {
		go func(i int) {
			ch <- pair{i, i * i}
		}(i)
	}
	results := make(map[int]int, n)
	for i := 0; i < n; i++ {
		p := <-ch
		results[p.k] = p.v
	}
	return results
}

func main() {
	fmt.Println(len(squares(2000)))
}
