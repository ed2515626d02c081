// topics is guarded by the package-level topicsMu: GetTopic creates entries under it. The
// announcer goroutine ranges over the map without the lock while GetTopic adds topics for new
// publishers, so the range and the write race. Only one function holds the lock and three do
// not, but the race is witnessed, so it is reported all the same.
package main

import (
	"fmt"
	"sync"
)

type Topic struct{ name string }

var topics = map[string]*Topic{}
var topicsMu sync.RWMutex

func GetTopic(name string) *Topic {
	topicsMu.Lock()
	defer topicsMu.Unlock()
	t, ok := topics[name]
	if !ok {
		t = &Topic{name: name}
		topics[name] = t
	}
	return t
}

func announce(done chan struct{}) {
	for i := 0; i < 200; i++ {
		n := 0
		for range topics { // want "unguarded-map-field"
			n++
		}
		_ = n
	}
	close(done)
}

func countTopics() int {
	n := 0
	for range topics { // want "unguarded-map-field"
		n++
	}
	return n
}

func topicNames() []string {
	var out []string
	for name := range topics { // want "unguarded-map-field"
		out = append(out, name)
	}
	return out
}

func main() {
	done := make(chan struct{})
	go announce(done)
	go func() {
		for i := 0; i < 2000; i++ {
			GetTopic(fmt.Sprint("t", i))
		}
	}()
	go func() {
		for i := 0; i < 200; i++ {
			_ = countTopics()
			_ = topicNames()
		}
	}()
	<-done
	fmt.Println(len(GetTopic("x").name))
}
