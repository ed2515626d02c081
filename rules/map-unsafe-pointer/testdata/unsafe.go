package testdata

import "unsafe"

type registry struct {
	byName map[string]int
}

type Table map[int]string

func count(m map[string]int) int {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m)) // want "map-unsafe-pointer"
	return *(*int)(h)
}

func header(r *registry) unsafe.Pointer {
	return unsafe.Pointer(&r.byName) // want "map-unsafe-pointer"
}

func viaPointer(pm *map[string]int) uintptr {
	return uintptr(unsafe.Pointer(pm)) // want "map-unsafe-pointer"
}

func named(t Table) unsafe.Pointer {
	p := unsafe.Pointer(&t) // want "map-unsafe-pointer"
	return p
}
