package main

import "testing"

func TestLevels(t *testing.T) {
	tr := newTree()
	tr.Insert([]string{"a", "b"})
	if got := tr.numLevels(); got != 2 {
		t.Fatalf("levels %d", got)
	}
}
