// adjust is called under the lock by Receive but without it by Return, and both run on goroutines at once, so adjust's map write races.
package main

import (
	"fmt"
	"sync"
)

type Inventory struct {
	mu    sync.Mutex
	stock map[string]int
}

func (inv *Inventory) adjust(item string, n int) {
	inv.stock[item] += n // want "unguarded-map-field"
}

func (inv *Inventory) Receive(item string, n int) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.adjust(item, n)
}

// Return puts customer returns back on the shelf.
func (inv *Inventory) Return(item string, n int) {
	inv.adjust(item, n)
}

func (inv *Inventory) Stock(item string) int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	return inv.stock[item]
}

func main() {
	inv := &Inventory{stock: map[string]int{}}
	items := []string{"bolt", "nut", "washer"}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			inv.Receive(items[i%3], 10)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			inv.Return(items[i%3], 1)
		}
	}()
	wg.Wait()
	fmt.Println(inv.Stock("bolt"))
}
