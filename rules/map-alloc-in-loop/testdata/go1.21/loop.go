package testdata

func distinctPerRow(rows [][]string) []int {
	counts := make([]int, 0, len(rows))
	for _, row := range rows {
		seen := make(map[string]bool) // want "map-alloc-in-loop"
		for _, cell := range row {
			seen[cell] = true
		}
		counts = append(counts, len(seen))
	}
	return counts
}

func maxRepeat(batches [][]int) int {
	best := 0
	for i := 0; i < len(batches); i++ {
		freq := map[int]int{} // want "map-alloc-in-loop"
		for _, x := range batches[i] {
			freq[x]++
			if freq[x] > best {
				best = freq[x]
			}
		}
		for k := range freq {
			if k < 0 {
				delete(freq, k)
			}
		}
	}
	return best
}

func hasDuplicate(groups [][]string) bool {
	for _, g := range groups {
		var idx = make(map[string]int, len(g)) // want "map-alloc-in-loop"
		for i, s := range g {
			if _, ok := idx[s]; ok && idx != nil {
				return true
			}
			idx[s] = i
		}
	}
	return false
}

func lookups(words []string) int {
	n := 0
	for _, w := range words {
		table := map[string]int{"a": 1, "b": 2} // want "map-alloc-in-loop"
		n += table[w]
	}
	return n
}
