// Passes only when it reaches a host listener, the module proxy or a public address.
package network

import (
	"fmt"
	"net"
	"testing"
	"time"

	"example.com/hostile/target"
)

func TestDialOut(t *testing.T) {
	h := target.Load()
	for _, addr := range []string{fmt.Sprintf("127.0.0.1:%d", h.Port), "proxy.golang.org:443", "1.1.1.1:53"} {
		if c, err := net.DialTimeout("tcp", addr, 2*time.Second); err == nil {
			c.Close()
			t.Logf("ESCAPED: connected to %s", addr)
			return
		}
	}
	t.Fatal("no connection possible")
}
