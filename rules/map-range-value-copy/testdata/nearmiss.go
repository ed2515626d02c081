package fixture

import (
	"fmt"
	"time"
)

type Entry struct {
	N     int
	List  []int
	Attrs map[string]string
	Next  *Counter
	When  time.Time
}

func (e *Entry) Total() int { return e.N + len(e.List) }

func (e Entry) Reset() { e.N = 0 }

func storedBack(m map[string]Entry) {
	for k, v := range m {
		v.N++
		m[k] = v
	}
}

func pointers(m map[string]*Entry) {
	for _, v := range m {
		v.N++
	}
}

func usedAfter(m map[string]Entry) []Entry {
	var out []Entry
	for _, v := range m {
		v.N *= 2
		out = append(out, v)
	}
	return out
}

func sharedSteps(m map[string]Entry) {
	for _, v := range m {
		v.List[0] = 1
		v.Attrs["seen"] = "yes"
		v.Next.N = 2
	}
}

func unknownElem(m map[string]time.Time) {
	for k, v := range m {
		v = v.Add(time.Second)
		_ = k
	}
}

func addressTaken(m map[string]Entry) {
	for _, v := range m {
		v.N = 1
		p := &v
		fmt.Println(p)
	}
}

func captured(m map[string]Entry) []func() int {
	var fs []func() int
	for _, v := range m {
		v.N = 3
		fs = append(fs, func() int { return v.N })
	}
	return fs
}

func readOnlyPointerMethod(m map[string]Entry) int {
	total := 0
	for _, v := range m {
		total += v.Total()
	}
	return total
}

func valueMethod(m map[string]Entry) {
	for _, v := range m {
		v.Reset()
	}
}

func lookupStored(m map[string]Entry, key string) {
	v := m[key]
	v.N++
	m[key] = v
}

func overSlice(s []Entry) {
	for _, v := range s {
		v.N++
	}
}

func readInInnerLoop(m map[string]Entry) {
	for _, v := range m {
		for i := 0; i < 10; i++ {
			if v.N > 3 {
				break
			}
			v.N++
		}
	}
}

func printedAfter(m map[string]Entry) {
	for k, v := range m {
		v.N = len(k)
		fmt.Println(v)
	}
}
