// Package config declares the types; the ranges over them are in package report.
package config

type Scores struct {
	ByName map[string]int
}

type Meta struct {
	Scores
	Owners map[string]bool
}

// Context is re-exported under another name, as Kubernetes-style APIs do.
type Context = Meta

type Registry map[string]func()

var Default = Registry{}

// Lookup returns the named metadata, with an error as registries do: callers bind both results.
func Lookup(name string) (*Meta, error) { return &Meta{Owners: map[string]bool{name: true}}, nil }

// Split hands back the embedded scores and the owners separately.
func (m *Meta) Split() (Scores, map[string]bool, error) { return m.Scores, m.Owners, nil }
