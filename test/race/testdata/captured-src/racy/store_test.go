package racy

import (
	"sync"
	"testing"
)

func TestPutGet(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); for i := 0; i < 100; i++ { s.Put("a", i) } }()
	go func() { defer wg.Done(); for i := 0; i < 100; i++ { _ = s.Get("a") } }()
	wg.Wait()
}

func TestCounter(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); Bump() }()
	}
	wg.Wait()
}
