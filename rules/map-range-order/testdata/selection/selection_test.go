package selection

import "testing"

// A test helper that finds the one entry its test set up.
func readyServer(t *testing.T, servers map[string]*server) *server {
	for _, s := range servers {
		if s.ready {
			return s
		}
	}
	t.Fatal("no ready server")
	return nil
}

func TestReady(t *testing.T) {
	s := readyServer(t, map[string]*server{"a": {ready: true}})
	if s == nil {
		t.Fatal("nil")
	}
}
