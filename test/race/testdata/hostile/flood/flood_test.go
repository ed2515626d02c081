// Prints without end: the output limit must stop the run.
package flood

import (
	"os"
	"strings"
	"testing"
)

func TestFlood(t *testing.T) {
	line := strings.Repeat("x", 1<<16) + "\n"
	for {
		os.Stdout.WriteString(line)
	}
}
