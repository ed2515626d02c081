// writeMu only serialises writes of the state file; it is held around one update of the index
// map, but the index is also written without it, and all of that happens on the main goroutine.
// The goroutine the package starts takes writeMu for its own file write and never touches the
// index. A lock held at one write and not at another is no guard: nothing to report.
package main

import (
	"fmt"
	"os"
	"sync"
)

var writeMu sync.Mutex

var index = map[string]int{}

func saveState(name string, n int) {
	writeMu.Lock()
	index[name] = n
	_ = os.WriteFile(os.DevNull, []byte(name), 0o644)
	writeMu.Unlock()
}

func loadState(name string) {
	index[name] = len(name)
}

func lookup(name string) int {
	return index[name]
}

func flushLog(done chan struct{}) {
	writeMu.Lock()
	_ = os.WriteFile(os.DevNull, []byte("log"), 0o644)
	writeMu.Unlock()
	close(done)
}

func main() {
	done := make(chan struct{})
	go flushLog(done)
	for i := 0; i < 100; i++ {
		loadState(fmt.Sprint("a", i))
		saveState(fmt.Sprint("b", i), i)
		_ = lookup("a1")
	}
	<-done
	fmt.Println(lookup("b2"))
}
