package testdata

import "sync"

// want-severity: warning
// A Load whose miss is ignored: the nil it yields panics at the assertion too, so
// these are warnings rather than the rule's default notice.

func user(id string) string {
	v, _ := sessions.Load(id)
	return v.(*session).user // want "syncmap-unchecked-assertion"
}

func swap(m *sync.Map, key string, n int) int {
	var prev any
	prev, _ = m.Swap(key, n)
	return prev.(int) + 1 // want "syncmap-unchecked-assertion"
}
