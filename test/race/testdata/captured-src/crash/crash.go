package crash

func Fill(m map[int]int, from int) {
	for i := from; i < from+1000000; i++ {
		m[i] = i
	}
}
