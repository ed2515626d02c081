package reg

// Point is stored by pointer in the registry.
type Point struct{ X, Y int }

var registry = map[string]*Point{}

// Lookup returns the registered point.
func Lookup(name string) *Point {
	return registry[name]
}

// Register records a point under a name.
func Register(name string, x, y int) {
	// The registry keeps a pointer, so p outlives the call.
	p := Point{X: x, Y: y}
	registry[name] = &p
}

// Origin allocates a point on the heap already at base.
func Origin() *Point {
	o := Point{}
	return &o
}
