// A service registered with a gRPC-style RegisterXServer: the server runs every call on its own
// goroutine, so Record's unguarded writes to the shared notes map race with each other.
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
	byKey map[string][]string
}

func (n *notes) Record(key, note string) int {
	n.byKey[key] = append(n.byKey[key], note) // want "concurrent-map-access"
	return len(n.byKey[key])
}

func main() {
	srv := &server{}
	RegisterNotesServer(srv, &notes{byKey: map[string][]string{}})
	srv.serve(2000)
	fmt.Println("served")
}
