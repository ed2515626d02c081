package testdata

// want-severity: warning
// One constructor allocates the map field, another leaves it out, and nothing
// else in the package ever sets it.

type tagIndex struct {
	name  string
	byTag map[string][]string
}

func newTagIndex(name string) *tagIndex {
	return &tagIndex{name: name, byTag: map[string][]string{}}
}

// A second constructor keeps the name only: its byTag stays nil.
func namedTagIndex(name string) *tagIndex {
	return &tagIndex{name: name}
}

func (t *tagIndex) add(tag, item string) {
	t.byTag[tag] = append(t.byTag[tag], item) // want "nil-map-write"
}
