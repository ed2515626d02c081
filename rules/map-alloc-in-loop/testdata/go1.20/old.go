package testdata

func distinct(rows [][]string) int {
	n := 0
	for _, row := range rows {
		seen := make(map[string]struct{}) // want "map-alloc-in-loop"
		for _, c := range row {
			seen[c] = struct{}{}
		}
		n += len(seen)
	}
	return n
}
