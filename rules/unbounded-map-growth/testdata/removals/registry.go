package removals

import (
	"net/http"
	"sync"
)

// Cluster is built once and serves every request.
type Cluster struct {
	mu       sync.Mutex
	suspects map[string]*suspicion
	peers    map[string]*peer
}

func NewCluster() *Cluster {
	return &Cluster{suspects: map[string]*suspicion{}, peers: map[string]*peer{}}
}

// suspicion is built per report and registered in Cluster.suspects until the node is settled.
type suspicion struct {
	confirmations map[string]struct{}
}

// Near miss: the constructor fills the map of the value it builds.
func newSuspicion(from string) *suspicion {
	s := &suspicion{confirmations: map[string]struct{}{}}
	s.confirmations[from] = struct{}{}
	return s
}

// peer is built per join and registered in Cluster.peers, which never drops one.
type peer struct {
	seenFrom map[string]int
}

func (c *Cluster) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	node, from := r.URL.Query().Get("node"), r.URL.Query().Get("from")
	c.mu.Lock()
	defer c.mu.Unlock()
	switch r.Method {
	case http.MethodDelete:
		delete(c.suspects, node)
	case http.MethodPut:
		p, ok := c.peers[node]
		if !ok {
			p = &peer{seenFrom: map[string]int{}}
			c.peers[node] = p // want "unbounded-map-growth"
		}
		p.seenFrom[from]++ // want "unbounded-map-growth"
	default:
		s, ok := c.suspects[node]
		if !ok {
			c.suspects[node] = newSuspicion(from)
			return
		}
		// Near miss: a suspicion lives only until its node is settled (the registry deletes it).
		s.confirmations[from] = struct{}{}
	}
}
