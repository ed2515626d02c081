// Never returns: go test's own -timeout must stop it and name it.
package forever

import (
	"testing"
	"time"
)

func TestSleepForever(t *testing.T) { time.Sleep(time.Hour) }
