// Passes only when it gets 16 GiB.
package memory

import "testing"

var keep [][]byte

func TestHog(t *testing.T) {
	for i := 0; i < 64; i++ {
		b := make([]byte, 256<<20)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		keep = append(keep, b)
	}
	t.Log("ESCAPED: allocated 16 GiB")
}
