// Package store keeps counters and hooks for the module's other packages. It takes no locks:
// each type leaves sharing to its callers, so whether a write races depends on who calls it.
package store

// Counter counts hits per key.
type Counter struct {
	hits map[string]int
}

// NewCounter makes an empty counter.
func NewCounter() *Counter {
	return &Counter{hits: make(map[string]int)}
}

// Add records one hit. api.Server calls it from every request on one shared counter.
func (c *Counter) Add(key string) {
	c.hits[key]++ // want "concurrent-map-access"
}

// Count reports the hits of a key.
func (c *Counter) Count(key string) int {
	return c.hits[key]
}

var hooks = map[string]func(){}

// Hook registers fn under name. workers.Start calls it from one goroutine per worker.
func Hook(name string, fn func()) {
	hooks[name] = fn // want "concurrent-map-access"
}

// Hooks reports how many hooks are registered.
func Hooks() int {
	return len(hooks)
}

// Tally counts like Counter; its one caller holds its own mutex around every call.
type Tally struct {
	seen map[string]int
}

// NewTally makes an empty tally.
func NewTally() *Tally {
	return &Tally{seen: make(map[string]int)}
}

// Add records one key.
func (t *Tally) Add(key string) {
	t.seen[key]++
}

// Ledger is made per request by its caller: every run has its own.
type Ledger struct {
	lines map[string]string
}

// NewLedger makes an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{lines: make(map[string]string)}
}

// Put stores one line.
func (l *Ledger) Put(k, v string) {
	l.lines[k] = v
}

// Len reports the number of lines.
func (l *Ledger) Len() int {
	return len(l.lines)
}

// Journal is written by one goroutine per journal.
type Journal struct {
	entries map[int]string
}

// NewJournal makes an empty journal.
func NewJournal() *Journal {
	return &Journal{entries: make(map[int]string)}
}

// Write appends an entry.
func (j *Journal) Write(n int, s string) {
	j.entries[n] = s
}

var remembered = map[string]bool{}

// Remember notes a name; its caller serialises the calls with a mutex of its own.
func Remember(name string) {
	remembered[name] = true
}

// Visits counts like Counter; api.Server reaches it through a helper of its own.
type Visits struct {
	byPath map[string]int
}

// NewVisits makes an empty count.
func NewVisits() *Visits {
	return &Visits{byPath: make(map[string]int)}
}

// Add records one visit.
func (v *Visits) Add(path string) {
	v.byPath[path]++ // want "concurrent-map-access"
}

// Audit keeps the last path per user; api.Server calls it through a helper, under its lock.
type Audit struct {
	last map[string]string
}

// NewAudit makes an empty audit.
func NewAudit() *Audit {
	return &Audit{last: make(map[string]string)}
}

// Put records a user's path.
func (a *Audit) Put(user, path string) {
	a.last[user] = path
}

// Log records names; jobs.Runner calls it through an interface, from one goroutine per item.
type Log struct {
	seen map[string]bool
}

// NewLog makes an empty log.
func NewLog() *Log {
	return &Log{seen: make(map[string]bool)}
}

// Record notes a name.
func (l *Log) Record(name string) {
	l.seen[name] = true // want "concurrent-map-access"
}

// Names records names like Log; jobs.Mixed may hold it or a recorder of its own, so a call
// through the interface there is not known to reach it.
type Names struct {
	set map[string]bool
}

// NewNames makes an empty set.
func NewNames() *Names {
	return &Names{set: make(map[string]bool)}
}

// Record notes a name.
func (n *Names) Record(name string) {
	n.set[name] = true
}
