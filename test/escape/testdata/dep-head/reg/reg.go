package reg

import "example.com/dep/dep"

// Point is a 2D point.
type Point struct{ X, Y int }

// Save hands a pointer to dep.
func Save(x, y int) {
	p := Point{X: x, Y: y}
	dep.Keep(&p)
}
