package testdata

import (
	"unsafe"
)

//go:linkname mapaccess1Fast64 runtime.mapaccess1_fast64 // want "map-runtime-linkname"
func mapaccess1Fast64(t, m unsafe.Pointer, key uint64) unsafe.Pointer

//go:linkname mapiterinit runtime.mapiterinit // want "map-runtime-linkname"
//go:noescape
func mapiterinit(t, m, it unsafe.Pointer)

//go:linkname mapiternext runtime.mapiternext // want "map-runtime-linkname"
func mapiternext(it unsafe.Pointer)

//go:linkname reflectMaplen reflect.maplen // want "map-runtime-linkname"
func reflectMaplen(m unsafe.Pointer) int

//go:linkname mapclear runtime.mapclear // want "map-runtime-linkname"
func mapclear(t, m unsafe.Pointer)

type hmap struct { // want "map-runtime-linkname"
	count     int
	flags     uint8
	B         uint8
	noverflow uint16
	hash0     uint32
	buckets   unsafe.Pointer
}

type swissHeader struct { // want "map-runtime-linkname"
	used        uint64
	seed        uintptr
	dirPtr      unsafe.Pointer
	dirLen      int
	globalDepth uint8
	globalShift uint8
}

func Len(m map[string]int) int {
	return (*hmap)(*(*unsafe.Pointer)(unsafe.Pointer(&m))).count
}
