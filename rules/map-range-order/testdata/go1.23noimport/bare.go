package fixture

func keys(m map[int]bool) []int {
	var ks []int
	for k := range m { // want:notice "map-range-order"
		ks = append(ks, k)
	}
	return ks
}
