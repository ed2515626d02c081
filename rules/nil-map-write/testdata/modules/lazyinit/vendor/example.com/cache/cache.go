// Package cache stands for a dependency that allocates a map field lazily.
package cache

type Entry struct {
	Key  string
	Tags map[string]bool
}

func (e *Entry) Tag(t string) {
	if e.Tags == nil {
		e.Tags = map[string]bool{}
	}
	e.Tags[t] = true
}

// NewEntry builds an entry with its map.
func NewEntry(key string) *Entry {
	return &Entry{Key: key, Tags: make(map[string]bool)}
}
