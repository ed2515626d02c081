package testdata

import "unsafe"

// Near misses: unsafe conversions of slices, strings, structs and map
// elements' copies, and operands whose type cannot be seen.

type pair struct{ a, b int }

func sliceData(b []byte) unsafe.Pointer {
	return unsafe.Pointer(&b)
}

func stringHeader(s string) unsafe.Pointer {
	return unsafe.Pointer(&s)
}

func structAddr(p *pair) unsafe.Pointer {
	return unsafe.Pointer(p)
}

func element(m map[string]pair) unsafe.Pointer {
	v := m["x"]
	return unsafe.Pointer(&v)
}

func unknown(x interface{ Addr() *int }) unsafe.Pointer {
	return unsafe.Pointer(x.Addr())
}
