package remote

import "example.com/selfevidence/backend"

// Every path: a struct of another package built right here without its map
// (error, as for this package's own structs).
func Fresh(k, v string) *backend.Operation {
	op := &backend.Operation{Workspace: "default"}
	op.Variables[k] = v // want "nil-map-write"
	return op
}

// Near miss: built with the map.
func FreshWithMap(k, v string) *backend.Operation {
	op := &backend.Operation{Workspace: "default", Variables: map[string]string{}}
	op.Variables[k] = v
	return op
}

// Near miss: a method that allocates runs in between.
func FreshPrepared(k, v string) *backend.Operation {
	op := &backend.Operation{}
	op.Prepare()
	op.Variables[k] = v
	return op
}
