// Drives the racing callbacks: many goroutines of ForEach and of the pool on one map.
package main

import (
	"fmt"
	"strings"

	"example.com/callbacks/app"
	"example.org/workpool"
)

func main() {
	words := strings.Fields(strings.Repeat("a b c d e f g h ", 64))
	fmt.Println(len(app.CountAll(words)))
	fmt.Println(len(app.PerWorker(workpool.New(16))))
}
