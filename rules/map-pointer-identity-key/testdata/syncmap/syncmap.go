package syncmap

import "sync"

type key struct {
	tenant string
	id     int
}

type registry struct {
	byKey sync.Map
	hits  map[*key]int
}

// LoadOrStore with a fresh address never loads: every call stores a new entry.
func (r *registry) ensure(tenant string, id int) any {
	v, _ := r.byKey.LoadOrStore(&key{tenant: tenant, id: id}, new(int)) // want "map-pointer-identity-key"
	return v
}

func (r *registry) put(tenant string, id int, v int) {
	r.byKey.Store(&key{tenant, id}, v) // want "map-pointer-identity-key"
}

func (r *registry) count(tenant string, id int) {
	r.hits[&key{tenant: tenant, id: id}]++ // want "map-pointer-identity-key"
}

var global sync.Map

func remember(tenant string) {
	global.Store(&key{tenant: tenant}, true) // want "map-pointer-identity-key"
}
