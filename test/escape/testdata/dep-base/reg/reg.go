package reg

import "example.com/dep/dep"

// Point is a 2D point.
type Point struct{ X, Y int }

// Save hands a copy to dep.
func Save(x, y int) {
	dep.Keep(Point{X: x, Y: y})
}
