package testdata

// Near misses for self-evidence: the check comes first, the later test is
// about another value, the write only runs on a non-empty map, or the write is
// in a closure that may run after the allocation.

type job struct {
	env map[string]string
}

func newJob() *job { return &job{env: map[string]string{}} }

func (j *job) reset() { j.env = map[string]string{} }

func (j *job) setChecked(k, v string) {
	if j.env == nil {
		j.env = make(map[string]string)
	}
	j.env[k] = v
	if j.env != nil {
		println(len(j.env))
	}
}

func (j *job) setAfterReset(k, v string) bool {
	j.reset()
	j.env[k] = v
	return j.env != nil
}

func setThenSwitch(j, other *job, k, v string) bool {
	j.env[k] = v
	j = other
	return j.env != nil
}

func (j *job) refresh() bool {
	for k := range j.env {
		j.env[k] = ""
	}
	return j.env != nil
}

func (j *job) later(k, v string) func() {
	set := func() { j.env[k] = v }
	if j.env == nil {
		j.env = map[string]string{}
	}
	return set
}

func (j *job) guarded(k, v string) {
	if len(j.env) > 0 {
		j.env[k] = v
	}
	if j.env == nil {
		println("none")
	}
}

// The nil test is in another function: no evidence here.
func (j *job) plain(k, v string) { j.env[k] = v }

func (j *job) hasEnv() bool { return j.env != nil }

// A hash chain with move-to-front (runtime/pprof's profMap): the write in the
// loop runs only when the read found an entry, so the map is not nil there;
// the lazy allocation below is for the insertion path.
type bucket struct {
	next *bucket
	key  string
}

type chains struct {
	heads map[uint32]*bucket
}

func (c *chains) lookup(h uint32, key string) *bucket {
	var last *bucket
	for b := c.heads[h]; b != nil; last, b = b, b.next {
		if b.key != key {
			continue
		}
		if last != nil {
			last.next = b.next
			b.next = c.heads[h]
			c.heads[h] = b
		}
		return b
	}
	b := &bucket{key: key}
	if c.heads == nil {
		c.heads = make(map[uint32]*bucket)
	}
	b.next = c.heads[h]
	c.heads[h] = b
	return b
}
