// A receive loop deletes acknowledged ids while a send loop records and checks
// them: two long-lived goroutines share the map with no lock.
package main

import (
	"fmt"
	"sync"
)

type stream struct {
	inflight map[int]bool
	acks     chan int
}

func (s *stream) recvLoop(wg *sync.WaitGroup) {
	defer wg.Done()
	for id := range s.acks {
		delete(s.inflight, id) // want "concurrent-map-access"
	}
}

func (s *stream) sendLoop(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 3000; i++ {
		s.inflight[i] = true // want "concurrent-map-access"
		if i%2 == 0 {
			s.acks <- i
		}
	}
	close(s.acks)
}

func main() {
	s := &stream{inflight: map[int]bool{}, acks: make(chan int, 64)}
	var wg sync.WaitGroup
	wg.Add(2)
	go s.recvLoop(&wg)
	go s.sendLoop(&wg)
	wg.Wait()
	fmt.Println(len(s.inflight) >= 0)
}
