// Package app counts words with the helpers of parallel and workpool.
package app

import (
	"sync"

	"example.com/callbacks/parallel"
	"example.org/workpool"
)

// CountAll counts the words, one goroutine per word: the goroutines share one map.
func CountAll(words []string) map[string]int {
	counts := map[string]int{}
	parallel.ForEach(words, func(w string) {
		counts[w]++ // want "concurrent-map-access"
	})
	return counts
}

// CountLocked counts the same way, under a mutex.
func CountLocked(words []string) map[string]int {
	var mu sync.Mutex
	counts := map[string]int{}
	parallel.ForEach(words, func(w string) {
		mu.Lock()
		counts[w]++
		mu.Unlock()
	})
	return counts
}

// CountInOrder counts on the caller's goroutine.
func CountInOrder(words []string) map[string]int {
	counts := map[string]int{}
	parallel.InOrder(words, func(w string) {
		counts[w]++
	})
	return counts
}

// CountLater counts on one goroutine the caller waits for.
func CountLater(words []string) map[string]int {
	counts := map[string]int{}
	<-parallel.Later(func() {
		for _, w := range words {
			counts[w]++
		}
	})
	return counts
}

// PerWorker marks each worker of the pool as seen: the pool's goroutines share the map.
func PerWorker(p *workpool.Pool) map[int]bool {
	seen := map[int]bool{}
	p.Each(func(worker int) {
		seen[worker] = true // want "concurrent-map-access"
	})
	return seen
}

// PerWorkerSlots gives each worker a slot of its own: no map is shared.
func PerWorkerSlots(p *workpool.Pool, n int) []int {
	slots := make([]int, n)
	p.Each(func(worker int) {
		slots[worker] = worker
	})
	return slots
}
