package convert

import (
	"example.com/unorderedfields/api"
	"example.com/unorderedfields/wire"
)

type Registry struct {
	Subchannels map[string]bool
	Events      map[string]string
}

// Near miss: the field says its order carries no meaning.
func Refs(r *Registry, c *api.Channel) {
	var refs []string
	for id := range r.Subchannels {
		refs = append(refs, id)
	}
	c.SubchannelRefs = refs
}

// Near miss: appended straight into a field documented as unordered.
func Targets(r *Registry, c *api.Channel) {
	for id := range r.Subchannels {
		c.Targets = append(c.Targets, id)
	}
}

// Near miss: the field's doc says so across two comment lines.
func Sockets(r *Registry, c *api.Channel) {
	var socks []string
	for id := range r.Subchannels {
		socks = append(socks, id)
	}
	c.ListenSockets = socks
}

// The events field is shown in order: this one leaks.
func Events(r *Registry, c *api.Channel) {
	var evs []string
	for _, e := range r.Events { // want "map-range-order"
		evs = append(evs, e)
	}
	c.Events = evs
}

// Near miss: a header list; each field carries its own name.
func Headers(md wire.Metadata) []wire.HeaderField {
	var fields []wire.HeaderField
	for k, vv := range md {
		for _, v := range vv {
			fields = append(fields, wire.HeaderField{Name: k, Value: v})
		}
	}
	return fields
}
