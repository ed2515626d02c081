// Open takes the broker's lock and hands it to the goroutine that connects (through withRecover),
// which releases it when done; registerMetrics, called only there, replaces the rates map while
// the lock is held, and every later use of the map holds it too: no race.
package main

import (
	"fmt"
	"sync"
)

type Broker struct {
	lock  sync.Mutex
	rates map[int]int
	done  chan struct{}
}

func (b *Broker) Open() {
	b.lock.Lock()
	go withRecover(func() {
		defer b.lock.Unlock()
		defer close(b.done)
		b.registerMetrics()
	})
}

// withRecover runs fn, logging a panic instead of crashing.
func withRecover(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	fn()
}

func (b *Broker) registerMetrics() {
	b.rates = map[int]int{}
}

// Lock should be held.
func (b *Broker) updateRates(key int) {
	if b.rates != nil {
		b.rates[key]++
	}
}

func (b *Broker) Send(key int) {
	b.lock.Lock()
	defer b.lock.Unlock()
	b.updateRates(key)
}

func main() {
	b := &Broker{done: make(chan struct{})}
	b.Open()
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				b.Send(i % 7)
			}
		}()
	}
	wg.Wait()
	<-b.done
	fmt.Println("done")
}
