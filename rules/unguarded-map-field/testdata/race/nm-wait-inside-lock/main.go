// Refresh and Probe hold the lock, start goroutines that never touch the map, and write the map only after wg.Wait or the done receive: no race.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func probe(host string) int {
	return len(strings.Repeat(host, 3))
}

type Checker struct {
	mu     sync.Mutex
	status map[string]int
}

// Refresh probes every host in parallel and records the results.
func (c *Checker) Refresh(hosts []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	results := make([]int, len(hosts))
	var wg sync.WaitGroup
	for i, h := range hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = probe(h)
		}()
	}
	wg.Wait()
	for i, h := range hosts {
		c.status[h] = results[i]
	}
}

// Probe checks one host on a helper goroutine and records the result.
func (c *Checker) Probe(host string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	done := make(chan int)
	go func() { done <- probe(host) }()
	n := <-done
	c.status[host] = n
	return n
}

func (c *Checker) Status(host string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status[host]
}

func main() {
	c := &Checker{status: map[string]int{}}
	hosts := []string{"a.example", "b.example", "c.example"}
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			c.Refresh(hosts)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			c.Probe(fmt.Sprint("h", i%20))
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 3000; i++ {
			_ = c.Status(hosts[i%3])
		}
	}()
	wg.Wait()
	fmt.Println(c.Status("a.example"))
}
