package fixture

import (
	"maps"
	"net/http"
)

var defaults = map[string][]string{
	"colors": {"red", "green"},
}

func lenChecked(m map[string][]string, k string) string {
	if len(m[k]) > 0 {
		return m[k][0]
	}
	return ""
}

func nilChecked(m map[string][]string, k string) string {
	if m[k] == nil {
		return ""
	}
	return m[k][0]
}

func commaOK(m map[string][]string, k string) string {
	if _, ok := m[k]; !ok {
		return ""
	}
	return m[k][0]
}

func storedFirst(m map[string][]int, k string, v int) int {
	m[k] = append(m[k], v)
	return m[k][0]
}

func ranged(m map[string][]int) int {
	total := 0
	for k := range m {
		total += m[k][0]
	}
	return total
}

func arrays(m map[string][2]int, k string) int {
	return m[k][1]
}

func literal() string {
	return defaults["colors"][0]
}

func copied(m map[string][]string, k string) string {
	if s := m[k]; len(s) > 0 {
		return m[k][0]
	}
	return ""
}

func unknown(m interface{ Get(string) []string }, k string) string {
	return m.Get(k)[0]
}

func forLen(m map[string][]int, k string) int {
	sum := 0
	for i := 0; i < len(m[k]); i++ {
		sum += m[k][i]
	}
	return sum
}

func headerGet(r *http.Request) string {
	return r.Header.Get("Content-Type")
}

func strings(m map[string]string, k string) byte {
	return m[k][0]
}

type graph struct {
	succ map[int][]int
	ids  []int
}

// Keys computed from the program's own data: the owner keeps them present.
func (g *graph) firstSucc() int {
	total := 0
	for _, id := range g.ids {
		total += g.succ[id][0]
	}
	return total
}

type kind int

const (
	kindA kind = iota
	kindB
)

var columns = map[kind][]string{
	kindA: {"id", "name"},
	kindB: {"id", "size"},
}

// A lookup table written to cover every value callers pass.
func column(k kind, i int) string {
	return columns[k][i]
}

func queryChecked(r *http.Request) string {
	q := r.URL.Query()
	if len(q["id"]) > 0 {
		return q["id"][0]
	}
	return q.Get("name")
}

func localLiteralListsKey() int {
	groups := map[string][]int{"key": {1, 2, 3}}
	copied := maps.Clone(groups)
	return groups["key"][0] + copied["key"][1]
}
