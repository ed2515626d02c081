// Package backend declares the operation; the writers are in package remote.
package backend

type Operation struct {
	Workspace string
	Targets   []string
	Variables map[string]string
}

// Prepare allocates the variables map (through a helper).
func (op *Operation) Prepare() { op.ensure() }

func (op *Operation) ensure() {
	op.Variables = make(map[string]string)
}

// Describe only reads the operation.
func (op *Operation) Describe() string { return op.Workspace }

// Defaults allocates the map of the operation it is handed.
func Defaults(op *Operation) {
	op.Variables = map[string]string{}
}
