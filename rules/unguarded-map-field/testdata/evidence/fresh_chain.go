// want-severity: warning
// StreamTo opens a new database, fills it and closes it: the chain from StreamTo to the unlocked
// range in close runs on that new value's log, not on the one RunGC writes. The range still skips
// the lock other methods take (a warning), but no witness makes it an error.
package evidence

import "sync"

// Vlog is safe for concurrent use.
type Vlog struct {
	filesLock sync.RWMutex
	filesMap  map[int]string
}

type DB struct {
	vlog      *Vlog
	closeOnce sync.Once
}

func Open() *DB {
	return &DB{vlog: &Vlog{filesMap: map[int]string{}}}
}

func (v *Vlog) gc(id int) {
	v.filesLock.Lock()
	v.filesMap[id] = "gc"
	v.filesLock.Unlock()
}

func (v *Vlog) close() int {
	n := 0
	for id := range v.filesMap { // want "unguarded-map-field"
		n += id
	}
	return n
}

func (db *DB) RunGC(id int) {
	db.vlog.gc(id)
}

func (db *DB) shutdown() (n int) {
	db.closeOnce.Do(func() { n = db.vlog.close() })
	return n
}

func (db *DB) StreamTo(ids []int) int {
	out := Open()
	defer out.shutdown()
	for _, id := range ids {
		out.RunGC(id)
	}
	return len(ids)
}
