package store

import (
	"sync"
	"testing"
)

func TestConcurrentUse(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				s.Put("k", j)
				s.Touch("k")
			}
		}(i)
	}
	wg.Wait()
}
