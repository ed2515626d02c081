// Package target reads what the attacker knows about the host: the test writes
// attack.json at the module root before each run (host paths and a host port).
package target

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
)

// Host is what a hostile test aims at.
type Host struct {
	Outside string `json:"outside"` // a host directory outside the workspace, holding secret.txt
	Home    string `json:"home"`    // the host user's home directory
	Port    int    `json:"port"`    // a listener on the host's loopback
	Secret  string `json:"secret"`  // the token in mapguard's own environment and in secret.txt
}

// Load reads attack.json from the module root.
func Load() Host {
	_, here, _, _ := runtime.Caller(0)
	var h Host
	b, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "attack.json"))
	if err == nil {
		_ = json.Unmarshal(b, &h)
	}
	return h
}
