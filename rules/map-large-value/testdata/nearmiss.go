package testdata

import (
	"bytes"
	"sync"
)

// Near misses: values at or under the 128-byte inline limit, pointers to
// large values, types the engine cannot size, and type assertions.

type Exactly128 [16]int64

type Small struct {
	A, B int64
	S    string
}

type Generic[T any] struct{ v [64]T }

type Opaque struct {
	buf bytes.Buffer
	mu  sync.Mutex
}

var (
	inline   = map[int]Exactly128{}
	pointers = map[int]*[64]int64{}
	smalls   map[string]Small
	buffers  map[string]Opaque
	generic  map[int]Generic[int]
)

func sized[V any](m map[int]V) int { return len(m) }

func assert(x any) int {
	if m, ok := x.(map[int]Exactly128); ok {
		return len(m)
	}
	switch v := x.(type) {
	case map[int64]Record:
		return len(v)
	}
	return len(inline) + len(pointers) + len(smalls) + len(buffers) + len(generic)
}
