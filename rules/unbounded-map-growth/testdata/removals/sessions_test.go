package removals

import "testing"

// Only the test cleans up opened; production code never does.
func TestSessions(t *testing.T) {
	s := NewSessions()
	s.mu.Lock()
	delete(s.opened, "a")
	s.mu.Unlock()
}
