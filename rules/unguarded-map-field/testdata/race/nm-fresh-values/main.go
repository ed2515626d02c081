// The unlocked map writes all go to values just built (by &T{...}, maps.Clone, json.Unmarshal, a Copy, a constructor) that no other goroutine can see until they are published under a lock: no race.
package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"sync"
)

type Catalog struct {
	mu     sync.RWMutex
	prices map[string]int
}

func (c *Catalog) Set(item string, price int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prices[item] = price
}

func (c *Catalog) Price(item string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.prices[item]
}

// Copy returns an independent catalog with the same prices.
func (c *Catalog) Copy() *Catalog {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := &Catalog{prices: make(map[string]int, len(c.prices))}
	for k, v := range c.prices {
		n.prices[k] = v
	}
	return n
}

// Shop serves one active catalog and swaps in new ones under s.mu.
type Shop struct {
	mu     sync.Mutex
	active *Catalog
}

func (s *Shop) Active() *Catalog {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active
}

func (s *Shop) publish(c *Catalog) {
	s.mu.Lock()
	s.active = c
	s.mu.Unlock()
}

// Reprice publishes a new catalog with every price cut by pct percent.
func (s *Shop) Reprice(pct int) {
	old := s.Active()
	old.mu.RLock()
	n := &Catalog{prices: make(map[string]int, len(old.prices))}
	for k, v := range old.prices {
		n.prices[k] = v * (100 - pct) / 100
	}
	old.mu.RUnlock()
	s.publish(n)
}

// WithPrice publishes a copy of the active catalog with one price changed.
func (s *Shop) WithPrice(item string, price int) {
	old := s.Active()
	old.mu.RLock()
	n := &Catalog{prices: maps.Clone(old.prices)}
	old.mu.RUnlock()
	n.prices[item] = price
	s.publish(n)
}

// Load publishes a catalog decoded from JSON, plus the gift-wrap fee.
func (s *Shop) Load(data []byte) error {
	n := &Catalog{}
	if err := json.Unmarshal(data, &n.prices); err != nil {
		return err
	}
	n.prices["gift-wrap"] = 3
	s.publish(n)
	return nil
}

// Snapshot publishes a copy made with Copy, after adding the sampler item to it.
func (s *Shop) Snapshot() {
	n := s.Active().Copy()
	n.prices["sampler"] = 1
	s.publish(n)
}

type shard struct {
	mu sync.Mutex
	m  map[string]int
}

type Counter struct {
	shards [8]shard
}

func shardOf(k string) int {
	h := fnv.New32a()
	h.Write([]byte(k))
	return int(h.Sum32() % 8)
}

func NewCounter(seed []string) *Counter {
	c := &Counter{}
	for i := range c.shards {
		c.shards[i].m = map[string]int{}
	}
	for _, k := range seed {
		s := &c.shards[shardOf(k)]
		s.m[k] = 0
	}
	return c
}

func (c *Counter) Inc(k string) {
	s := &c.shards[shardOf(k)]
	s.mu.Lock()
	s.m[k]++
	s.mu.Unlock()
}

func (c *Counter) Get(k string) int {
	s := &c.shards[shardOf(k)]
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

func main() {
	shop := &Shop{active: &Catalog{prices: map[string]int{"tea": 40, "cup": 90}}}
	items := []string{"tea", "cup", "pot", "gift-wrap", "sampler"}
	hits := NewCounter(items)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1500; i++ {
				item := items[(i+g)%len(items)]
				switch g {
				case 0:
					if i%50 == 0 {
						shop.Reprice(10)
					}
					shop.WithPrice(item, i%100)
				case 1:
					if err := shop.Load([]byte(`{"tea": 35, "pot": 200}`)); err != nil {
						fmt.Println(err)
						return
					}
					shop.Snapshot()
				case 2:
					shop.Active().Set(item, i)
				default:
					_ = shop.Active().Price(item)
				}
				hits.Inc(item)
				_ = hits.Get(items[i%len(items)])
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(shop.Active().Price("tea") >= 0, hits.Get("tea"))
}
