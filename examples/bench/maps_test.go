// Package bench measures the costs that mapguard's performance rules talk
// about, so each README figure comes from code in this repository.
// Run: go test -bench . -benchmem -count 3
package bench

import "testing"

// n is the number of entries each benchmark inserts or reads.
const n = 1024

type big [64]int64 // 512 bytes: over the 128-byte inline limit

var sink int64

// map-large-value: the value is 512 bytes, stored out of line and copied on every read.
func BenchmarkLargeValueInline(b *testing.B) {
	for b.Loop() {
		m := make(map[int]big, n)
		for i := 0; i < n; i++ {
			var v big
			v[0] = int64(i)
			m[i] = v
		}
		var s int64
		for _, v := range m {
			s += v[0]
		}
		sink = s
	}
}

func BenchmarkLargeValuePointer(b *testing.B) {
	for b.Loop() {
		m := make(map[int]*big, n)
		for i := 0; i < n; i++ {
			v := new(big)
			v[0] = int64(i)
			m[i] = v
		}
		var s int64
		for _, v := range m {
			s += v[0]
		}
		sink = s
	}
}

// Ranging over large values copies each 512-byte value into v;
// ranging over pointers copies 8 bytes.
func BenchmarkLargeValueRangeCopy(b *testing.B) {
	m := make(map[int]big, n)
	for i := 0; i < n; i++ {
		m[i] = big{int64(i)}
	}
	for b.Loop() {
		var s int64
		for _, v := range m {
			s += v[63]
		}
		sink = s
	}
}

func BenchmarkLargeValueRangePointer(b *testing.B) {
	m := make(map[int]*big, n)
	for i := 0; i < n; i++ {
		m[i] = &big{int64(i)}
	}
	for b.Loop() {
		var s int64
		for _, v := range m {
			s += v[63]
		}
		sink = s
	}
}

var keys = func() []string {
	ks := make([]string, n)
	for i := range ks {
		ks[i] = string(rune('a'+i%26)) + string(rune('A'+i/26%26)) + string(rune('0'+i/676))
	}
	return ks
}()

// map-missing-size-hint: filling a map from a slice of known length.
func BenchmarkFillNoHint(b *testing.B) {
	for b.Loop() {
		m := make(map[string]int)
		for i, k := range keys {
			m[k] = i
		}
		sink = int64(len(m))
	}
}

func BenchmarkFillSizeHint(b *testing.B) {
	for b.Loop() {
		m := make(map[string]int, len(keys))
		for i, k := range keys {
			m[k] = i
		}
		sink = int64(len(m))
	}
}

// map-alloc-in-loop: a scratch map per iteration vs one map cleared each time.
func BenchmarkScratchMakePerIteration(b *testing.B) {
	for b.Loop() {
		var total int64
		for round := 0; round < 64; round++ {
			seen := make(map[int]bool)
			for i := 0; i < 16; i++ {
				seen[(i*7+round)%11] = true
			}
			total += int64(len(seen))
		}
		sink = total
	}
}

func BenchmarkScratchClearPerIteration(b *testing.B) {
	for b.Loop() {
		var total int64
		seen := make(map[int]bool)
		for round := 0; round < 64; round++ {
			clear(seen)
			for i := 0; i < 16; i++ {
				seen[(i*7+round)%11] = true
			}
			total += int64(len(seen))
		}
		sink = total
	}
}

// map-clear-loop: the compiler turns the delete loop into a bulk clear
// (runtime.mapclear), so the two should cost the same. The loops live in
// their own functions: inside a b.Loop body the compiler keeps the loop as
// written, which would measure something users do not write.
//
//go:noinline
func deleteAll(m map[int]int) {
	for k := range m {
		delete(m, k)
	}
}

//go:noinline
func clearAll(m map[int]int) {
	clear(m)
}

func BenchmarkEmptyDeleteLoop(b *testing.B) {
	m := make(map[int]int, n)
	for b.Loop() {
		for i := 0; i < n; i++ {
			m[i] = i
		}
		deleteAll(m)
	}
}

func BenchmarkEmptyClear(b *testing.B) {
	m := make(map[int]int, n)
	for b.Loop() {
		for i := 0; i < n; i++ {
			m[i] = i
		}
		clearAll(m)
	}
}
