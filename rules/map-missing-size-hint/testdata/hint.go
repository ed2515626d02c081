package testdata

import (
	"crypto/tls"
	"maps"
)

type User struct {
	ID   string
	Name string
}

type Group struct {
	Members map[string]User
}

func byID(users []User) map[string]User {
	out := make(map[string]User) // want "map-missing-size-hint"
	for _, u := range users {
		out[u.ID] = u
	}
	return out
}

func names(users []User) map[string]bool {
	var total int
	seen := map[string]bool{} // want "map-missing-size-hint"
	var note string
	for _, u := range users {
		total++
		seen[u.Name] = true
	}
	_ = note
	return seen
}

func invert(in map[string]int) map[int]string {
	var out map[int]string
	out = make(map[int]string) // want "map-missing-size-hint"
	for k, v := range in {
		out[v] = k
	}
	return out
}

func fill(g *Group, users []User) {
	g.Members = make(map[string]User) // want "map-missing-size-hint"
	for _, u := range users {
		g.Members[u.ID] = u
	}
}

func copied(src map[string]int) map[string]int {
	dst := make(map[string]int) // want "map-missing-size-hint"
	maps.Copy(dst, src)
	return dst
}

func array(xs *[32]int) map[int]int {
	sq := make(map[int]int) // want "map-missing-size-hint"
	for i, x := range xs {
		sq[i] = x * x
	}
	return sq
}

// The field's type is not visible (another package), but two iteration
// variables rule out channels and integers.
func protos(c *tls.Config) map[string]bool {
	m := make(map[string]bool) // want "map-missing-size-hint"
	for _, p := range c.NextProtos {
		m[p] = true
	}
	return m
}
