// A method value launched with go: the tracker's loop records ids while the
// caller keeps looking them up.
package main

import "fmt"

type tracker struct {
	seen map[int]bool
	in   chan int
}

func (t *tracker) loop() {
	for id := range t.in {
		t.seen[id] = true // want "concurrent-map-access"
	}
}

func (t *tracker) has(id int) bool {
	return t.seen[id]
}

func main() {
	t := &tracker{seen: map[int]bool{}, in: make(chan int, 16)}
	go t.loop()
	hits := 0
	for i := 0; i < 3000; i++ {
		select {
		case t.in <- i:
		default:
		}
		if t.has(i / 2) {
			hits++
		}
	}
	close(t.in)
	fmt.Println(hits >= 0)
}
