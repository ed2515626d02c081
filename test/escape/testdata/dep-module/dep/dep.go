// Package dep keeps what it is given, so callers' values escape.
package dep

var kept []any

// Keep stores v for later.
func Keep(v any) { kept = append(kept, v) }
