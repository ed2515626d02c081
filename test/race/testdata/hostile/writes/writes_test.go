// Passes only when it writes outside the workspace.
package writes

import (
	"os"
	"path/filepath"
	"testing"

	"example.com/hostile/target"
)

func TestWriteOutside(t *testing.T) {
	h := target.Load()
	wrote := false
	for _, p := range []string{filepath.Join(h.Outside, "pwned.txt"), filepath.Join(os.Getenv("GOROOT"), "pwned.txt"), filepath.Join(os.Getenv("GOMODCACHE"), "pwned.txt"), "/usr/pwned.txt"} {
		if os.WriteFile(p, []byte("pwned"), 0o644) == nil {
			t.Logf("ESCAPED: wrote %s", p)
			wrote = true
		}
	}
	if !wrote {
		t.Fatal("nothing outside the workspace is writable")
	}
}
