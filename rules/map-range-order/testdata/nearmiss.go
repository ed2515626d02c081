package fixture

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"text/template"
)

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func sortedStrings(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedSlices(m map[int]string) []int {
	var ids []int
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func sortedBySlice(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] < m[keys[j]] })
	return keys
}

func sortedByType(m map[string]int) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Sort(byLen(keys))
	return strings.Join(keys, ",")
}

func sortHelper(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sortKeys(keys)
	return keys
}

func sortKeys(s []string) { sort.Strings(s) }

func total(m map[string]int) int {
	sum := 0
	for _, v := range m {
		sum += v
	}
	return sum
}

func copyMap(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func set(m map[string][]string) map[string]bool {
	seen := map[string]bool{}
	for _, vs := range m {
		for _, v := range vs {
			seen[v] = true
		}
	}
	return seen
}

func largest(m map[string]int) (best int) {
	for _, v := range m {
		if v > best {
			best = v
		}
	}
	return best
}

func countPositive(m map[string]int) int {
	n := 0
	for _, v := range m {
		if v > 0 {
			n++
		}
	}
	return n
}

// fmt prints maps in key order, encoding/json sorts map keys, text/template ranges maps in key order.
func printWhole(w io.Writer, m map[string]int) error {
	fmt.Fprintln(w, m)
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, _ = w.Write(b)
	t := template.Must(template.New("t").Parse(`{{range $k, $v := .}}{{$k}}={{$v}} {{end}}`))
	return t.Execute(w, m)
}

func onlyCounted(m map[string]int) int {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	return len(keys)
}

func perIteration(m map[string][]string) map[string]string {
	out := map[string]string{}
	for k, vs := range m {
		var b strings.Builder
		for _, v := range vs {
			b.WriteString(v)
		}
		out[k] = b.String()
	}
	return out
}

func perKeyWriter(files map[string]*os.File, data map[string][]byte) {
	for name, d := range data {
		_, _ = files[name].Write(d)
	}
}

// Labels returns the label names in no particular order.
func Labels(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func overSlice(s []string) []string {
	var out []string
	for _, v := range s {
		out = append(out, v)
	}
	return out
}

func unknownType(m interface{ Keys() []string }) []string {
	var out []string
	for _, k := range m.Keys() {
		out = append(out, k)
	}
	return out
}

func innerSlice(m map[string]int) int {
	n := 0
	for k := range m {
		parts := []string{}
		parts = append(parts, k)
		n += len(strings.Join(parts, ""))
	}
	return n
}

func handedOff(m map[string]int, consume func([]string)) {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	consume(keys)
}

func sameWriteEachTime(w io.Writer, m map[string]int) {
	for range m {
		fmt.Fprintln(w, "tick")
	}
}

func fromSorted(m map[string]int) []string {
	var out []string
	for _, k := range sortedOf(m) {
		out = append(out, k)
	}
	return out
}

func sortedOf(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

type keySorter struct{ v []string }

func (s *keySorter) Len() int           { return len(s.v) }
func (s *keySorter) Less(i, j int) bool { return s.v[i] < s.v[j] }
func (s *keySorter) Swap(i, j int)      { s.v[i], s.v[j] = s.v[j], s.v[i] }

// The slice is sorted through the sorter that holds it.
func (s *keySorter) Keys(m map[string]int) []string {
	keys := s.v[:0]
	for k := range m {
		keys = append(keys, k)
	}
	s.v = keys
	sort.Sort(s)
	return keys
}

type group struct {
	name  string
	files []string
}

// Each group is built per iteration: its slice does not carry the outer map's order.
func groups(m map[string][]string) map[string]group {
	out := map[string]group{}
	for name, files := range m {
		g := group{name: name}
		for _, f := range files {
			g.files = append(g.files, f)
		}
		out[name] = g
	}
	return out
}

type index struct {
	byName map[string]int
	names  []string
}

// names is collected here and sorted by another method before anyone reads it.
func (x *index) collect() {
	for name := range x.byName {
		x.names = append(x.names, name)
	}
}

func (x *index) finish() { sort.Strings(x.names) }

func firstFailure(m map[string]string) {
	for name, path := range m {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintln(os.Stderr, "missing", name)
			os.Exit(1)
		}
	}
}

func perKeyBuffer(m map[string][]string) map[string]string {
	out := map[string]string{}
	var buf strings.Builder
	for k, parts := range m {
		buf.Reset()
		for _, p := range parts {
			buf.WriteString(p)
		}
		out[k] = buf.String()
	}
	return out
}

type options struct {
	urls  []string
	hosts []string
}

// Each key is handled by its own case: the appends do not interleave keys.
func parseOptions(m map[string][]string) options {
	var o options
	for k, vs := range m {
		switch strings.ToLower(k) {
		case "urls":
			o.urls = append(o.urls, vs...)
		case "hosts":
			for _, h := range vs {
				o.hosts = append(o.hosts, h)
			}
		}
	}
	return o
}

type reply struct {
	Warnings []string
	Total    int
}

// The key is converted first and then dispatched on: each key still has its own case.
func parseReply(data map[interface{}]interface{}) *reply {
	r := &reply{}
	for k, v := range data {
		key, ok := k.(string)
		if !ok {
			continue
		}
		switch key {
		case "warning":
			if ws, ok := v.([]interface{}); ok {
				for _, w := range ws {
					r.Warnings = append(r.Warnings, fmt.Sprint(w))
				}
			}
		case "total":
			r.Total, _ = v.(int)
		}
	}
	return r
}

// Every caller sorts what collectNames returns.
func collectNames(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func useNames(m map[string]int) string {
	names := collectNames(m)
	sort.Strings(names)
	return strings.Join(names, ",")
}

func useNamesAgain(m map[string]int) []string {
	return sortedCopy(collectNames(m))
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
