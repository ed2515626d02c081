package removals

import "testing"

// Near miss: only the test cleans up opened. A test's delete is taken to run, as before:
// tests that clean a map are no evidence that production forgets to.
func TestSessions(t *testing.T) {
	s := NewSessions()
	s.mu.Lock()
	delete(s.opened, "a")
	s.mu.Unlock()
}
