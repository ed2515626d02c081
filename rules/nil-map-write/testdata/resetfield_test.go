package testdata

import "testing"

// Near miss: a test drives the value's lifecycle itself. Its goroutine writes the field of a
// listener the test stops only after joining it; the reset in stop is a step the test takes
// in order, not a window it can race into.
func TestListenerWrites(t *testing.T) {
	l := newListener()
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.mu.Lock()
		l.conns[1] = true
		l.mu.Unlock()
	}()
	<-done
	l.stop()
}
