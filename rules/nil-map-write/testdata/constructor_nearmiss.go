package testdata

// Near misses for "a constructor leaves the map field out": the field is also
// set by assignment, allocated lazily, exported (a decoder may fill it), or
// every literal sets it.

import (
	"encoding/json"
	"reflect"
)

type routeTable struct {
	name   string
	routes map[string]int
}

func newRouteTable() *routeTable { return &routeTable{name: "main", routes: map[string]int{}} }

func (r *routeTable) child(name string) *routeTable { return &routeTable{name: name} }

func (r *routeTable) add(path string) {
	if r.routes == nil {
		r.routes = make(map[string]int)
	}
	r.routes[path]++
}

type metaSet struct {
	name string
	meta map[string]string
}

func newMetaSet() *metaSet { return &metaSet{name: "a", meta: map[string]string{}} }

func emptyMetaSet() *metaSet { return &metaSet{name: "empty"} }

func (m *metaSet) init() { m.meta = map[string]string{} }

func (m *metaSet) put(k, v string) { m.meta[k] = v }

// Exported field: json.Unmarshal or another package may fill it.
type Config struct {
	Name   string
	Labels map[string]string
}

func NewConfig() *Config { return &Config{Name: "x", Labels: map[string]string{}} }

func DefaultConfig() *Config { return &Config{Name: "default"} }

func LoadConfig(data []byte) (*Config, error) {
	c := DefaultConfig()
	err := json.Unmarshal(data, c)
	return c, err
}

func (c *Config) SetLabel(k, v string) { c.Labels[k] = v }

type settings struct {
	name string
	opts map[string]bool
}

func newSettings() settings { return settings{name: "s", opts: map[string]bool{}} }

func otherSettings() settings { return settings{name: "t", opts: map[string]bool{"x": true}} }

func (s settings) enable(k string) { s.opts[k] = true }

// A reflection-built value sets exported fields only; this one is exported.
type Catalog struct {
	Name  string
	Items map[string]int
}

func newCatalog() *Catalog { return &Catalog{Name: "r", Items: map[string]int{}} }

func zeroCatalog() *Catalog {
	r := &Catalog{Name: "zero"}
	reflect.ValueOf(r).Elem().FieldByName("Items").Set(reflect.ValueOf(map[string]int{}))
	return r
}

func (r *Catalog) add(k string) { r.Items[k]++ }

// A test double's lookup returns a stand-in value; the real leases come from newLease.
type lease struct {
	id    int
	items map[string]bool
}

func newLease(id int) *lease { return &lease{id: id, items: map[string]bool{}} }

func (l *lease) attach(item string) { l.items[item] = true }

type fakeLessor struct{ known map[int]bool }

func (f *fakeLessor) lookup(id int) *lease {
	if f.known[id] {
		return &lease{id: id}
	}
	return nil
}
