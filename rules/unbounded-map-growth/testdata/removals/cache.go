package removals

import "sync"

// seriesCache maps raw metric text to a reference, and references to parsed labels.
type seriesCache struct {
	iter   uint64
	refs   map[string]*refEntry
	labels map[string]string
	refs2  map[string]*refEntry
	labels2 map[string]string
}

type refEntry struct {
	ref      string
	lastIter uint64
}

// Scraper runs its loop for as long as the process lives.
type Scraper struct {
	mu      sync.Mutex
	samples chan [2]string
	cache   *seriesCache
}

func (s *Scraper) run() {
	for sample := range s.samples {
		s.mu.Lock()
		s.cache.add(sample[0], sample[1], sample[0]+"{}")
		s.cache.addChecked(sample[0], sample[1], sample[0]+"{}")
		s.cache.done()
		s.mu.Unlock()
	}
}

// Overwriting refs[met] forgets the old ref, so labels[old ref] is never evicted.
func (c *seriesCache) add(met, ref, lset string) {
	c.refs[met] = &refEntry{ref: ref, lastIter: c.iter}
	c.labels[ref] = lset // want "unbounded-map-growth"
}

// Near miss: the entry being replaced has its label entry removed first.
func (c *seriesCache) addChecked(met, ref, lset string) {
	if old, ok := c.refs2[met]; ok {
		delete(c.labels2, old.ref)
	}
	c.refs2[met] = &refEntry{ref: ref, lastIter: c.iter}
	c.labels2[ref] = lset
}

// done evicts entries not seen in this iteration, and their labels with them.
func (c *seriesCache) done() {
	for met, e := range c.refs {
		if e.lastIter < c.iter {
			delete(c.refs, met)
			delete(c.labels, e.ref)
		}
	}
	for met, e := range c.refs2 {
		if e.lastIter < c.iter {
			delete(c.refs2, met)
			delete(c.labels2, e.ref)
		}
	}
	c.iter++
}

func newScraper() *Scraper {
	return &Scraper{samples: make(chan [2]string), cache: &seriesCache{
		refs: map[string]*refEntry{}, labels: map[string]string{},
		refs2: map[string]*refEntry{}, labels2: map[string]string{},
	}}
}

var _ = newScraper
