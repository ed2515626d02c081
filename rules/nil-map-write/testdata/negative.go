package testdata

import "fmt"

// Near misses: nil maps that are only read, maps initialised on some path
// before the write, maps from calls, and fields set later by a constructor.

var lookup map[string]int

func readNil(k string) int {
	var m map[string]int
	n := len(m)
	for range m {
		n++
	}
	delete(m, k)
	return n + m[k] + lookup[k]
}

func assignedInBranch(cond bool) map[string]int {
	var m map[string]int
	if cond {
		m = make(map[string]int)
	} else {
		m = map[string]int{}
	}
	m["a"] = 1
	return m
}

func fromCall() map[string]int {
	m := build()
	m["a"] = 1
	var n map[string]int = build()
	n["b"] = 2
	return m
}

func build() map[string]int { return map[string]int{} }

func lazyInit(keys []string) map[string]bool {
	var seen map[string]bool
	for _, k := range keys {
		if seen == nil {
			seen = make(map[string]bool)
		}
		seen[k] = true
	}
	return seen
}

type Cache struct {
	items map[string]int
}

func (c *Cache) init() { c.items = make(map[string]int) }

func constructorSetsFieldLater() *Cache {
	c := &Cache{}
	c.init()
	c.items["a"] = 1
	return c
}

func fieldAssignedBeforeWrite() Cache {
	var c Cache
	c.items = make(map[string]int)
	c.items["a"] = 1
	return c
}

func literalWithField() Cache {
	c := Cache{items: map[string]int{}}
	c.items["a"] = 1
	return c
}

func passedByPointer() Cache {
	var c Cache
	initCache(&c)
	c.items["a"] = 1
	return c
}

func initCache(c *Cache) { c.items = map[string]int{} }

func addressTaken() map[string]int {
	var m map[string]int
	fill(&m)
	m["x"] = 1
	return m
}

func fill(p *map[string]int) { *p = map[string]int{} }

var initialised map[string]int

func init() { initialised = make(map[string]int) }

func writeInitialisedGlobal() { initialised["a"] = 1 }

func namedResultAssigned() (out map[string]int) {
	out = make(map[string]int)
	out["a"] = 1
	return out
}

func sliceNotMap() []int {
	var s []int
	s = append(s, 1)
	fmt.Println(s)
	return s
}

func closureRunsLater(run func(func())) map[string]int {
	var seen map[string]int
	handler := func() {
		seen["x"]++
	}
	seen = make(map[string]int)
	run(handler)
	return seen
}
