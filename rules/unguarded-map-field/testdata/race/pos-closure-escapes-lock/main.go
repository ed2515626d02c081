// Start builds its finish closure inside the locked section, but the closure is called later on another goroutine after the unlock, so its map write races with Start.
package main

import (
	"fmt"
	"sync"
)

type Jobs struct {
	mu    sync.Mutex
	state map[int]string
}

// Start marks the job running and returns the function that marks it done.
func (j *Jobs) Start(id int) func() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.state[id] = "running"
	finish := func() {
		j.state[id] = "done" // want "unguarded-map-field"
	}
	return finish
}

func (j *Jobs) State(id int) string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state[id]
}

func main() {
	j := &Jobs{state: map[int]string{}}
	finishers := make(chan func(), 64)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(finishers)
		for i := 0; i < 3000; i++ {
			finishers <- j.Start(i % 100)
		}
	}()
	go func() {
		defer wg.Done()
		for finish := range finishers {
			finish()
		}
	}()
	wg.Wait()
	fmt.Println(j.State(1))
}
