package testdata

// want-severity: warning
// Maps assigned on some paths only, then written after the branches.

import "strings"

func assignedInOneBranch(verbose bool) map[string]int {
	var stats map[string]int
	if verbose {
		stats = make(map[string]int)
	}
	stats["calls"]++ // want "nil-map-write"
	return stats
}

func switchWithoutDefault(kind string) (labels map[string]string) {
	switch kind {
	case "pod":
		labels = map[string]string{"kind": "pod"}
	case "node":
		labels = map[string]string{"kind": "node"}
	}
	labels["seen"] = "yes" // want "nil-map-write"
	return labels
}

type page struct {
	title string
	vars  map[string]string
}

type frontMatter interface{ Page() page }

// The page is replaced by the parser's result only when a parser was found;
// otherwise it keeps the literal's nil vars.
func render(fm frontMatter, body string) page {
	p := page{title: "untitled"}
	if fm != nil {
		p = fm.Page()
	}
	p.title = strings.TrimSpace(p.title)
	p.vars["body"] = body // want "nil-map-write"
	return p
}

func elseIfChain(n int) map[int]bool {
	var seen map[int]bool
	if n > 10 {
		seen = make(map[int]bool, n)
	} else if n > 0 {
		seen = make(map[int]bool)
	}
	seen[n] = true // want "nil-map-write"
	return seen
}

func assignedInLoop(groups [][]string) map[string]int {
	var first map[string]int
	for _, g := range groups {
		first = make(map[string]int, len(g))
	}
	first["total"] = len(groups) // want "nil-map-write"
	return first
}
