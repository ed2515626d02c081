package ptrkey

import "sync"

// A registry of live objects keyed by pointer: callers hold the pointer and look it up.
type session struct{ user string }

var (
	liveMu sync.Mutex
	live   = map[*session]int{}
)

func open(s *session) {
	liveMu.Lock()
	live[s] = 1
	liveMu.Unlock()
}

func closeSession(s *session) {
	liveMu.Lock()
	delete(live, s)
	liveMu.Unlock()
}

// The pointer is kept in a slice too, so the entry can be found again.
func buildIndex(names []string) ([]*session, map[*session]int) {
	all := []*session{}
	pos := map[*session]int{}
	for i, n := range names {
		s := &session{user: n}
		all = append(all, s)
		pos[s] = i
	}
	return all, pos
}

// The address of x is taken again for the lookup: same variable, same address.
func roundTrip() int {
	m := map[*int]int{}
	x := 1
	m[&x] = 2
	return m[&x]
}

// A set of fresh objects that is ranged over: ranging is how its entries are found.
func closeAll(addrs []string) {
	pending := map[*conn]bool{}
	for _, a := range addrs {
		pending[&conn{addr: a}] = true
	}
	for c := range pending {
		_ = c.addr
	}
}

// Addresses of elements of a slice the caller keeps.
func indexElements(items []node) map[*node]int {
	out := map[*node]int{}
	for i := range items {
		out[&items[i]] = i
	}
	return out
}

// Handed back to the caller, who may range over it.
func fresh() map[*conn]string {
	m := map[*conn]string{}
	m[&conn{addr: "a"}] = "a"
	return m
}
