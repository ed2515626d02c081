// Each goroutine writes only its own map, a Copy in tries[i] or a batch map the launcher handed over and replaced with a new one: no map is shared.
package main

import (
	"fmt"
	"sync"
)

type Trial struct {
	seen map[int]bool
}

func (t *Trial) Copy() *Trial {
	n := &Trial{seen: make(map[int]bool, len(t.seen))}
	for k, v := range t.seen {
		n.seen[k] = v
	}
	return n
}

func flush(batch map[string]int, out chan<- int) {
	total := 0
	for k, v := range batch {
		total += v
		delete(batch, k)
	}
	out <- total
}

func main() {
	base := &Trial{seen: map[int]bool{0: true, 1: true}}
	tries := make([]*Trial, 4)
	for i := range tries {
		tries[i] = base.Copy()
	}
	var wg sync.WaitGroup
	for i := range tries {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 3000; j++ {
				tries[i].seen[(j*(i+3))%500] = true
			}
		}(i)
	}

	results := make(chan int, 4)
	batch := map[string]int{}
	for r := 0; r < 4; r++ {
		for j := 0; j < 2000; j++ {
			batch[fmt.Sprint(r, "-", j%300)] += j
		}
		go flush(batch, results)
		batch = make(map[string]int)
	}
	total := 0
	for r := 0; r < 4; r++ {
		total += <-results
	}
	wg.Wait()
	sizes := make([]int, len(tries))
	for i, t := range tries {
		sizes[i] = len(t.seen)
	}
	fmt.Println(sizes, total, len(batch))
}
