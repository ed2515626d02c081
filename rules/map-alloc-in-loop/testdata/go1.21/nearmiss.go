package testdata

// Near misses: maps that leave the iteration (appended, stored, returned,
// sent, captured, passed to a function), maps made outside the loop, and
// written literals that clear could not restore.

type index struct{ byName map[string]int }

func keep(m map[string]int) {}

func collect(rows [][]string) []map[string]bool {
	var out []map[string]bool
	for _, row := range rows {
		set := make(map[string]bool)
		for _, c := range row {
			set[c] = true
		}
		out = append(out, set)
	}
	return out
}

func store(rows [][]string, dst map[int]map[string]bool) {
	for i, row := range rows {
		set := make(map[string]bool)
		set[row[0]] = true
		dst[i] = set
	}
}

func first(rows [][]string) map[string]bool {
	for _, row := range rows {
		set := make(map[string]bool)
		set[row[0]] = true
		if len(set) > 0 {
			return set
		}
	}
	return nil
}

func send(rows [][]string, ch chan map[string]bool) {
	for _, row := range rows {
		set := make(map[string]bool)
		set[row[0]] = true
		ch <- set
	}
}

func captured(rows [][]string) []func() int {
	var fs []func() int
	for _, row := range rows {
		set := make(map[string]bool)
		set[row[0]] = true
		fs = append(fs, func() int { return len(set) })
	}
	return fs
}

func passed(rows [][]string) {
	for _, row := range rows {
		m := make(map[string]int)
		m[row[0]] = 1
		keep(m)
	}
}

func field(rows [][]string) []index {
	var out []index
	for _, row := range rows {
		m := map[string]int{}
		m[row[0]] = 1
		out = append(out, index{byName: m})
	}
	return out
}

func hoisted(rows [][]string) int {
	n := 0
	seen := make(map[string]bool)
	for _, row := range rows {
		clear(seen)
		for _, c := range row {
			seen[c] = true
		}
		n += len(seen)
	}
	return n
}

func writtenLiteral(words []string) int {
	n := 0
	for _, w := range words {
		m := map[string]int{"x": 1}
		m[w] = 2
		n += len(m)
	}
	return n
}

func outerVar(rows [][]string) map[string]bool {
	var last map[string]bool
	for _, row := range rows {
		last = make(map[string]bool)
		last[row[0]] = true
	}
	return last
}
