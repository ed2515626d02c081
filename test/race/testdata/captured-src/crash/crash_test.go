package crash

import "testing"

func TestFill(t *testing.T) {
	m := map[int]int{}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func(g int) { Fill(m, g*1000000); done <- true }(g)
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
