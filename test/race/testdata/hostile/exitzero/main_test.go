// Exits 0 before running any test: the summary must say no test ran.
package exitzero

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(0) }

func TestNeverRuns(t *testing.T) { t.Fatal("unreachable") }
