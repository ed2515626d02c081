// Helpers named ...NoLock/...Locked/..._locked or documented as running with the lock held touch the map unlocked, but only exported methods holding the lock call them: no race.
package main

import (
	"fmt"
	"sync"
)

type Sessions struct {
	mu    sync.Mutex
	users map[int]string
}

func (s *Sessions) Login(id int, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addLocked(id, name)
}

func (s *Sessions) Logout(id int) {
	s.mu.Lock()
	s.removeNoLock(id)
	s.mu.Unlock()
}

func (s *Sessions) Name(id int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.get_locked(id)
}

func (s *Sessions) Kick(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dropByName(name)
}

func (s *Sessions) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.users)
}

func (s *Sessions) addLocked(id int, name string) {
	s.users[id] = name
}

func (s *Sessions) removeNoLock(id int) {
	delete(s.users, id)
}

func (s *Sessions) get_locked(id int) string {
	return s.users[id]
}

// dropByName removes every session of name; caller holds s.mu.
func (s *Sessions) dropByName(name string) int {
	n := 0
	for id, u := range s.users {
		if u == name {
			delete(s.users, id)
			n++
		}
	}
	return n
}

type Client struct {
	mu      sync.Mutex
	streams map[uint32]int
	nextID  uint32
}

func (c *Client) Open() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.allocate()
	c.credit(id, 64)
	return id
}

func (c *Client) Send(id uint32, n int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.window(id) < n {
		return false
	}
	c.credit(id, -n)
	return true
}

func (c *Client) Reset() {
	c.mu.Lock()
	c.forgetAll()
	c.mu.Unlock()
}

func (c *Client) Streams() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.streams)
}

// allocate reserves a new stream id. Lock should be held.
func (c *Client) allocate() uint32 {
	c.nextID++
	c.streams[c.nextID] = 0
	return c.nextID
}

// credit adds n to the stream's send window. Lock is assumed held.
func (c *Client) credit(id uint32, n int) {
	c.streams[id] += n
}

// window reports the stream's send window; client should be locked.
func (c *Client) window(id uint32) int {
	return c.streams[id]
}

// forgetAll drops every stream. Lock should be held.
func (c *Client) forgetAll() {
	for id := range c.streams {
		delete(c.streams, id)
	}
}

func main() {
	s := &Sessions{users: map[int]string{}}
	c := &Client{streams: map[uint32]int{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				s.Login(i%64, fmt.Sprint("u", i%5))
				_ = s.Name(i % 64)
				if i%7 == g {
					s.Logout(i % 64)
				}
				if i%100 == 0 {
					s.Kick("u3")
				}
				id := c.Open()
				c.Send(id, 16)
				if i%500 == 0 {
					c.Reset()
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(s.Len(), c.Streams())
}
