// Package peers builds its own entries with the map (as aperture's peer
// discovery builds its generated protobuf message): the dependency's lazy
// allocation says nothing about the values this package writes.
package peers

import "example.com/cache"

type Discovery struct {
	self *cache.Entry
}

func New() *Discovery {
	return &Discovery{self: &cache.Entry{Key: "self", Tags: make(map[string]bool)}}
}

// Near miss: the entry was built by New with its map.
func (d *Discovery) Register(name string) {
	d.self.Tags[name] = true
}
