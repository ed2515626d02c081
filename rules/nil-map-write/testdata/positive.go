package testdata

type Registry struct {
	name  string
	items map[string]int
}

var counters map[string]int

func bumpGlobal(k string) {
	counters[k]++ // want "nil-map-write"
}

func localVar() map[string]int {
	var m map[string]int
	m["a"] = 1 // want "nil-map-write"
	return m
}

func compoundAssign(keys []string) map[string]int {
	var totals map[string]int
	for _, k := range keys {
		totals[k] += len(k) // want "nil-map-write"
	}
	return totals
}

func namedResult(keys []string) (seen map[string]bool) {
	for _, k := range keys {
		seen[k] = true // want "nil-map-write"
	}
	return seen
}

func literalWithoutField() *Registry {
	r := Registry{name: "x"}
	r.items["a"] = 1 // want "nil-map-write"
	return &r
}

func pointerLiteral() *Registry {
	r := &Registry{}
	r.name = "y"
	r.items["b"] = 2 // want "nil-map-write"
	return r
}

func newStruct() *Registry {
	r := new(Registry)
	r.items["c"] = 3 // want "nil-map-write"
	return r
}

func zeroStruct() Registry {
	var r Registry
	r.items["d"] = 4 // want "nil-map-write"
	return r
}

type Index map[string][]int

func namedMapType(word string, pos int) Index {
	var idx Index
	idx[word] = append(idx[word], pos) // want "nil-map-write"
	return idx
}

func closureNeverAssigned(run func(func())) {
	var seen map[string]int
	run(func() {
		seen["x"]++ // want "nil-map-write"
	})
}
