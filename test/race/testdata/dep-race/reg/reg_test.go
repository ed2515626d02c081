// Overlaid on the escape tests' dep-base module: Save hands values to a
// dependency (example.com/dep) whose Keep appends to a package slice without a
// lock, so concurrent Saves race inside the dependency, outside the repository.
package reg

import (
	"sync"
	"testing"
)

func TestSaveConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			Save(i, i)
		}(i)
	}
	wg.Wait()
}
