package testdata

// Near misses for "field set back to nil": the writer checks, allocates, or
// calls something that allocates; or the package never tests the field for nil.

import "errors"

type pool struct {
	idle map[int]bool
}

func (p *pool) close() { p.idle = nil }

func (p *pool) isClosed() bool { return p.idle == nil }

func (p *pool) putChecked(id int) {
	if p.idle == nil {
		return
	}
	p.idle[id] = true
}

func (p *pool) putLazy(id int) {
	if p.idle == nil {
		p.idle = make(map[int]bool)
	}
	p.idle[id] = true
}

func (p *pool) reopen() { p.idle = make(map[int]bool) }

func (p *pool) putAfterReopen(id int) {
	p.reopen()
	p.idle[id] = true
}

func (p *pool) putAfterAllocatingHelper(id int) {
	p.ensure()
	p.idle[id] = true
}

func (p *pool) ensure() {
	if p.idle == nil {
		p.reopen()
	}
}

func (p *pool) putAfterCheckedLoad(id int) error {
	if err := p.load(); err != nil {
		return err
	}
	p.idle[id] = true
	return nil
}

func (p *pool) load() error {
	if p.idle != nil {
		return nil
	}
	if id := len(p.idle); id > 0 {
		return errors.New("corrupt")
	}
	p.idle = map[int]bool{}
	return nil
}

func (p *pool) putAfterReset(id int) {
	p.idle = map[int]bool{}
	p.idle[id] = true
}

func (p *pool) putViaLen(id int) {
	if len(p.idle) > 100 {
		return
	}
	p.idle[id] = true
}

func refill(p *pool) { p.idle = map[int]bool{} }

func (p *pool) putAfterHandOff(id int) {
	refill(p)
	p.idle[id] = true
}

// Reset to nil but never tested for nil anywhere: the package treats the reset
// as a lifecycle end, and nothing says the writer runs after it.
type scratch struct {
	seen map[string]bool
}

func newScratch() *scratch { return &scratch{seen: map[string]bool{}} }

func (s *scratch) release() { s.seen = nil }

func (s *scratch) mark(k string) { s.seen[k] = true }

// The maps travel to a new value inside a literal; the old holder is cleared.
type liveMap struct {
	vals map[int]int
}

func (m *liveMap) reset() {
	if m.vals == nil {
		m.vals = make(map[int]int)
	} else {
		clear(m.vals)
	}
}

func (m *liveMap) set(id, v int) { m.vals[id] = v }

type liveCache struct{ live liveMap }

func reuse(into, from *liveCache) {
	into.live = liveMap{vals: from.live.vals}
	from.live.vals = nil
}
