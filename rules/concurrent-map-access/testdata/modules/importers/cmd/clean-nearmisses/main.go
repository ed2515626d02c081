// Drives the near misses only: per-value goroutines and calls the caller serialises. It runs clean.
package main

import (
	"fmt"

	"example.com/importers/jobs"
	"example.com/importers/store"
	"example.com/importers/workers"
)

func main() {
	journals := []*store.Journal{store.NewJournal(), store.NewJournal(), store.NewJournal()}
	workers.Record(journals, []string{"a", "b", "c", "d"})
	l := store.NewLedger()
	l.Put("k", "v")
	fmt.Println(l.Len())
	jobs.NewLockedMixed().Run([]string{"a", "b", "c", "d"})
}
