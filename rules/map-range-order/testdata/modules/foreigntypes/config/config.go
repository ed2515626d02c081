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
