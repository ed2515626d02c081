package testdata

import "time"

const frameWords = 32

type Record struct {
	ID      int64
	Name    string
	Payload [128]byte
}

type Frame [frameWords]uint64

// Table is declared once; uses of Table are not reported again.
type Table map[string]Record // want "map-large-value"

type Index struct {
	byID   map[int64]Record // want "map-large-value"
	frames map[int]Frame    // want "map-large-value"
	small  map[int]int
}

var cache = make(map[[20]int64]bool) // want "map-large-value"

type Stamped struct {
	At    time.Time
	Value [14]int64
}

func load(ids []int64) map[int64]Stamped { // want "map-large-value"
	out := make(map[int64]Stamped, len(ids)) // want "map-large-value"
	for _, id := range ids {
		out[id] = Stamped{At: time.Now()}
	}
	return out
}

func literal() int {
	m := map[int][17]int64{} // want "map-large-value"
	var t Table
	return len(m) + len(t) + len(cache)
}
