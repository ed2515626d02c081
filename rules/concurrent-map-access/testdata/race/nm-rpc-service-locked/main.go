// The same registered service with its map behind a mutex: concurrent calls serialise on it.
package main

import (
	"fmt"
	"sync"
)

type NotesServer interface {
	Record(key, note string) int
}

// server stands in for grpc.Server: it serves each call on a new goroutine.
type server struct {
	impl NotesServer
}

func (s *server) serve(calls int) {
	var wg sync.WaitGroup
	for i := 0; i < calls; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s.impl.Record(fmt.Sprint(i%7), "n")
		}(i)
	}
	wg.Wait()
}

// RegisterNotesServer has the shape of generated gRPC registration code.
func RegisterNotesServer(s *server, impl NotesServer) {
	s.impl = impl
}

type notes struct {
	mu    sync.Mutex
	byKey map[string][]string
}

func (n *notes) Record(key, note string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.byKey[key] = append(n.byKey[key], note)
	return len(n.byKey[key])
}

func main() {
	srv := &server{}
	RegisterNotesServer(srv, &notes{byKey: map[string][]string{}})
	srv.serve(2000)
	fmt.Println("served")
}
