// The state lives in a one-slot channel used as a lock: each goroutine receives it, changes its
// map, and sends it back, so only the holder ever touches the map.
package main

import (
	"fmt"
	"sync"
)

type state struct {
	conns map[int]bool
}

type hub struct {
	s chan *state
}

func (h *hub) serve(id int) {
	s := <-h.s
	s.conns[id] = true
	h.s <- s
}

func main() {
	h := &hub{s: make(chan *state, 1)}
	h.s <- &state{conns: map[int]bool{}}
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			h.serve(i)
		}(i)
	}
	wg.Wait()
	s := <-h.s
	fmt.Println(len(s.conns))
}
