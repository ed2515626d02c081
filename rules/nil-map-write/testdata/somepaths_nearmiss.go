package testdata

// Near misses for "nil on some paths": every path assigns the map, leaves the
// function, or checks for nil before the write.

import (
	"errors"
	"log"
)

func everyBranchAssigns(verbose bool) map[string]int {
	var stats map[string]int
	if verbose {
		stats = make(map[string]int, 8)
	} else {
		stats = map[string]int{}
	}
	stats["calls"]++
	return stats
}

func otherBranchReturns(ok bool) (map[string]int, error) {
	var m map[string]int
	if ok {
		m = map[string]int{}
	} else {
		return nil, errors.New("not ok")
	}
	m["a"] = 1
	return m, nil
}

func otherBranchPanics(ok bool) map[string]int {
	var m map[string]int
	if !ok {
		panic("not ok")
	} else {
		m = map[string]int{}
	}
	m["a"] = 1
	return m
}

func earlyExitWithFatal(ok bool) map[string]int {
	var m map[string]int
	if ok {
		m = map[string]int{}
	} else {
		log.Fatal("not ok")
	}
	m["a"] = 1
	return m
}

func switchWithDefault(kind string) (labels map[string]string) {
	switch kind {
	case "pod":
		labels = map[string]string{"kind": "pod"}
	case "skip":
		return nil
	default:
		labels = map[string]string{}
	}
	labels["seen"] = "yes"
	return labels
}

// The write sits under the same flag that guarded the allocation.
func correlatedFlag(verbose bool) map[string]int {
	var stats map[string]int
	if verbose {
		stats = make(map[string]int)
	}
	if verbose {
		stats["calls"]++
	}
	return stats
}

func nilCheckedAfterBranch(src map[string]int, copyIt bool) map[string]int {
	var m map[string]int
	if copyIt {
		m = make(map[string]int, len(src))
	}
	if m == nil {
		m = src
	}
	m["a"] = 1
	return m
}

func earlyReturnOnNil(pick func() map[string]int, use bool) map[string]int {
	var m map[string]int
	if use {
		m = pick()
	}
	if m == nil {
		return nil
	}
	m["a"] = 1
	return m
}

func infiniteLoopAssigns(next func() (map[string]int, bool)) map[string]int {
	var m map[string]int
	for {
		v, ok := next()
		if ok {
			m = v
			break
		}
	}
	m["a"] = 1
	return m
}

func fillPtr(p *map[string]int) { *p = map[string]int{} }

func addressTakenInBranch(ok bool) map[string]int {
	var m map[string]int
	if ok {
		m = map[string]int{}
	} else {
		fillPtr(&m)
	}
	m["a"] = 1
	return m
}

type doc struct {
	name  string
	attrs map[string]string
}

func (d *doc) prepare() { d.attrs = map[string]string{} }

func methodCallMaySet(parsed *doc) *doc {
	d := &doc{name: "x"}
	if parsed != nil {
		d = parsed
	}
	d.prepare()
	d.attrs["k"] = "v"
	return d
}

func fieldSetInEveryBranch(parsed *doc) *doc {
	d := &doc{name: "x"}
	if parsed != nil {
		d = parsed
	} else {
		d.attrs = map[string]string{}
	}
	d.attrs["k"] = "v"
	return d
}

func lazyInLoop(keys []string, want bool) map[string]bool {
	var seen map[string]bool
	if want {
		seen = map[string]bool{}
	}
	for _, k := range keys {
		if seen == nil {
			seen = make(map[string]bool)
		}
		seen[k] = true
	}
	return seen
}
