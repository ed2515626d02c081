// The control package: proves the tests run and that serving on localhost works
// offline (the sandbox has its own loopback and a hosts file), so every failure
// of the attack packages is containment, not a broken runner.
package control

import (
	"net"
	"testing"
)

func TestRuns(t *testing.T) {
	l, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		if c, err := l.Accept(); err == nil {
			c.Close()
		}
	}()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}
