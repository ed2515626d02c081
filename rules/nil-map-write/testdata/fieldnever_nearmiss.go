package testdata

// Near misses for "field never initialised": each field is set somewhere, is
// exported (other packages may set it), carries a tag, or is guarded.

type resolver struct{ table map[string]int }

func newResolver() *resolver { return &resolver{table: map[string]int{}} }

func (r *resolver) put(k string) { r.table[k] = 1 }

type lazy struct{ memo map[string]int }

func (l *lazy) put(k string) {
	if l.memo == nil {
		l.memo = map[string]int{}
	}
	l.memo[k] = 1
}

type Exported struct{ Labels map[string]string }

func (e *Exported) set(k string) { e.Labels[k] = "" }

type tagged struct {
	attrs map[string]string `db:"attrs"`
}

func (t *tagged) set(k string) { t.attrs[k] = "" }

type pair struct {
	name string
	idx  map[string]int
}

func newPair() pair { return pair{"x", map[string]int{}} }

func (p pair) add(k string) { p.idx[k] = 1 }

type loader struct{ byID map[int]string }

func (l *loader) reset() { l.byID = make(map[int]string) }

func (l *loader) add(id int, v string) { l.byID[id] = v }

type viaPointer struct{ seen map[string]bool }

func fillSeen(m *map[string]bool) { *m = map[string]bool{} }

func (v *viaPointer) mark(k string) {
	fillSeen(&v.seen)
	v.seen[k] = true
}
