package selection

import (
	"math/rand"
	"strings"
)

type server struct {
	name   string
	listen []string
	routes []string
	ready  bool
}

func (s *server) listensOn(addr string) bool {
	for _, l := range s.listen {
		if l == addr {
			return true
		}
	}
	return false
}

// Several servers can listen on one address; the first one met gets the route.
func addRedirect(servers map[string]*server, addr, route string) {
	for _, srv := range servers { // want "map-range-order"
		if !srv.listensOn(addr) {
			continue
		}
		srv.routes = append(srv.routes, route)
		break
	}
}

// Any ready server may be returned: which one changes between runs.
func pickReady(servers map[string]*server) *server {
	for _, srv := range servers { // want "map-range-order"
		if srv.ready {
			return srv
		}
	}
	return nil
}

func firstLong(names map[string]int) string {
	var found string
	for name := range names { // want "map-range-order"
		if len(name) > 8 {
			found = name
			break
		}
	}
	return found
}

type cert struct{ domains string }

// Two certificates sharing a domain overwrite each other; the last one ranged wins.
func byDomain(certs map[string]*cert) map[string]*cert {
	out := map[string]*cert{}
	for _, c := range certs { // want "map-range-order"
		for _, d := range strings.Split(c.domains, ",") {
			out[d] = c
		}
	}
	return out
}

// The caller's callback sees the entries in map order.
func Visit(progress map[uint64]*server, f func(id uint64, s *server)) {
	for id, s := range progress { // want "map-range-order"
		f(id, s)
	}
}

var testRand = rand.New(rand.NewSource(1))

func randomName() string {
	const chars = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 6)
	for i := range b {
		b[i] = chars[testRand.Intn(len(chars))]
	}
	return string(b)
}

func fill(attrs map[string]bool) map[string]string {
	out := make(map[string]string, len(attrs))
	// Each attribute gets the next draw of the seeded source, in map order.
	for name := range attrs { // want "map-range-order"
		out[name] = randomName()
	}
	return out
}
