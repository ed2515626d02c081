// Drives the near misses only: a mutex, the caller's goroutine, one waited goroutine, per-worker slots.
package main

import (
	"fmt"
	"strings"

	"example.com/callbacks/app"
	"example.org/workpool"
)

func main() {
	words := strings.Fields(strings.Repeat("a b c d ", 32))
	fmt.Println(len(app.CountLocked(words)), len(app.CountInOrder(words)), len(app.CountLater(words)))
	fmt.Println(len(app.PerWorkerSlots(workpool.New(8), 8)))
}
