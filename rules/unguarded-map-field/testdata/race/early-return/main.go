// The lock is released on the early-return branch only; the write after the
// branch still holds it.
package main

import (
	"fmt"
	"sync"
)

type Quota struct {
	mu   sync.Mutex
	used map[string]int
}

func (q *Quota) Take(user string, limit int) bool {
	q.mu.Lock()
	if q.used[user] >= limit {
		q.mu.Unlock()
		return false
	}
	q.used[user]++
	q.mu.Unlock()
	return true
}

func (q *Quota) Used(user string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.used[user]
}

func main() {
	q := &Quota{used: map[string]int{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				q.Take(fmt.Sprint(i%7), 100)
				_ = q.Used("1")
			}
		}()
	}
	wg.Wait()
	fmt.Println(q.Used("1"))
}
