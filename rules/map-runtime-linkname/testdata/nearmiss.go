package testdata

import (
	_ "unsafe"
)

// Near misses: linknames to runtime functions that are not map internals,
// the one-argument form, a push (the local function has a body), and structs
// that share a field name or two with the runtime's map header.

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname fastrand runtime.fastrand
func fastrand() uint32

//go:linkname exported
func exported() int { return 1 }

//go:linkname provideLen example.com/other.maplen
func provideLen() int { return 0 }

//go:linkname provided runtime.mapaccess2
func provided() int { return 2 }

type stats struct {
	count   int
	flags   uint8
	buckets []int
}

type histogram struct {
	B       int
	buckets [8]uint64
}

//go:linkname providedErr internal/runtime/maps.errNilAssign
var providedErr error = nil
