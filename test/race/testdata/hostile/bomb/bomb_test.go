// Starts processes until refused: the process limit must stop it.
package bomb

import (
	"os/exec"
	"testing"
)

func TestForkBomb(t *testing.T) {
	for i := 0; i < 3000; i++ {
		if err := exec.Command("sleep", "876543").Start(); err != nil {
			t.Fatalf("stopped after %d processes: %v", i, err)
		}
	}
	t.Log("ESCAPED: 3000 processes")
}
