// Services are registered under the lock before Serve, and register refuses to run once the
// server serves (log.Fatalf); the handlers read the map without the lock, but only after Serve
// started them, when nothing writes it any more: no race.
package main

import (
	"fmt"
	"log"
	"sync"
)

type Server struct {
	mu       sync.Mutex
	serve    bool
	services map[string]int
	wg       sync.WaitGroup
}

// RegisterService must be called before Serve.
func (s *Server) RegisterService(name string, n int) {
	s.register(name, n)
}

func (s *Server) register(name string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.serve {
		log.Fatalf("RegisterService after Serve for %q", name)
	}
	s.services[name] = n
}

func (s *Server) handle(name string) int {
	return s.services[name]
}

func (s *Server) ServiceNames() []string {
	var out []string
	for name := range s.services {
		out = append(out, name)
	}
	return out
}

func (s *Server) Serve(requests []string) {
	s.mu.Lock()
	s.serve = true
	s.mu.Unlock()
	for _, r := range requests {
		s.wg.Add(1)
		go func(r string) {
			defer s.wg.Done()
			_ = s.handle(r)
		}(r)
	}
	s.wg.Wait()
}

func main() {
	s := &Server{services: map[string]int{}}
	s.RegisterService("a", 1)
	s.RegisterService("b", 2)
	s.Serve([]string{"a", "b", "a", "b"})
	fmt.Println(len(s.ServiceNames()))
}
