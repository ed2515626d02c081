package testdata

// Near misses from real code (judged false positives on pinned repositories):
// each write is safe although the field is set back to nil somewhere.

import (
	"errors"
	"sync"
)

// A read of the map guards the write: a nil map yields the zero value.
type lagTracker struct {
	mu   sync.Mutex
	lags map[string]uint64
}

func (l *lagTracker) clear() {
	if l.lags != nil {
		l.lags = nil
	}
}

func (l *lagTracker) decrement(peer string) {
	l.mu.Lock()
	if lag := l.lags[peer]; lag > 0 {
		l.lags[peer] = lag - 1
	}
	l.mu.Unlock()
}

func (l *lagTracker) bumpVersion(peer string, want uint64) {
	if lag, ok := l.lags[peer]; ok && lag == want {
		l.lags[peer] = lag + 1
	}
}

func (l *lagTracker) scale() {
	for peer := range l.lags {
		l.lags[peer] *= 2
	}
}

// The pool refuses writes once closed; Close sets the flag and drops the map.
var errPoolClosed = errors.New("pool closed")

type connPool struct {
	mu     sync.Mutex
	shut   bool
	byID   map[int]string
	closed func() bool
}

func newConnPool() *connPool {
	p := &connPool{byID: map[int]string{}}
	p.closed = func() bool { return p.shut }
	return p
}

func (p *connPool) add(id int, c string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed() {
		return errPoolClosed
	}
	p.byID[id] = c
	return nil
}

func (p *connPool) close() {
	p.mu.Lock()
	p.shut = true
	p.byID = nil
	p.mu.Unlock()
}

func (p *connPool) isEmpty() bool { return p.byID == nil }

// A helper whose caller initialises the map first ("caller holds the lock").
type tieredQueue struct {
	byName map[string]int
}

func (q *tieredQueue) lazyInit() {
	if q.byName == nil {
		q.byName = make(map[string]int)
	}
}

func (q *tieredQueue) queue(name string) {
	q.lazyInit()
	q.addItem(name)
}

func (q *tieredQueue) addItem(name string) { q.byName[name]++ }

func (q *tieredQueue) reset() { q.byName = nil }

// The map moves to a new owner; the old one is retired, not reset.
type loopSet struct {
	loops map[string]int
}

func (s *loopSet) add(k string) { s.loops[k]++ }

func handOver(old, next *loopSet) {
	if old.loops != nil {
		next.loops = old.loops
		old.loops = nil
	}
}

// A placeholder value for the disabled path; the full value carries the map.
type channelEntry struct {
	id       int
	children map[int]string
}

var entriesOn = true

func registerEntry(id int) *channelEntry {
	if !entriesOn {
		return &channelEntry{id: id}
	}
	return &channelEntry{id: id, children: map[int]string{}}
}

func (c *channelEntry) addChild(id int, name string) { c.children[id] = name }

// A nil map comes with ok == false, and the caller stops on !ok.
func lookupLabels(byKey map[string]map[string]string, k string) (map[string]string, bool) {
	v, ok := byKey[k]
	if !ok {
		return nil, false
	}
	return v, true
}

func relabel(byKey map[string]map[string]string, k string) error {
	labels, found := lookupLabels(byKey, k)
	if !found {
		return errors.New("no labels")
	}
	labels["relabelled"] = "yes"
	return nil
}

// Ranging a nil map runs no iteration, so the write inside never sees nil.
func loadGroups(files []string) (map[string]int, []error) {
	if len(files) == 0 {
		return nil, []error{errors.New("no files")}
	}
	return map[string]int{files[0]: 1}, nil
}

func reloadGroups(files []string) error {
	groups, errs := loadGroups(files)
	if errs != nil {
		return errs[0]
	}
	for k := range groups {
		groups[k]++
	}
	return nil
}
