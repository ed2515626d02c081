// Passes only when it finds mapguard's secret in its environment or any process's.
package secrets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/hostile/target"
)

func TestSecrets(t *testing.T) {
	secret := target.Load().Secret
	if secret == "" {
		t.Fatal("no attack.json")
	}
	for _, kv := range os.Environ() {
		if strings.Contains(kv, secret) {
			t.Log("ESCAPED: secret in the environment")
			return
		}
	}
	files, _ := filepath.Glob("/proc/*/environ")
	for _, f := range append(files, "/proc/self/environ") {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), secret) {
			t.Logf("ESCAPED: secret in %s", f)
			return
		}
	}
	t.Fatal("no secret found")
}
