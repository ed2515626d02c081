// Passes only when it reads outside the workspace.
package files

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/hostile/target"
)

func TestReadOutside(t *testing.T) {
	h := target.Load()
	wd, _ := os.Getwd()
	for _, p := range []string{filepath.Join(h.Outside, "secret.txt"), filepath.Join(wd, "..", "..", "..", "..", h.Outside, "secret.txt")} {
		if b, err := os.ReadFile(p); err == nil && h.Secret != "" && strings.Contains(string(b), h.Secret) {
			t.Logf("ESCAPED: read %s", p)
			return
		}
	}
	if entries, err := os.ReadDir(h.Home); err == nil && len(entries) > 0 && os.Getenv("HOME") != h.Home {
		t.Log("ESCAPED: listed the host's home directory")
		return
	}
	t.Fatal("nothing outside the workspace is readable")
}
