// Package api stands for generated protobuf messages: the doc of a repeated
// field says whether its order means anything.
package api

type Channel struct {
	// There are no ordering guarantees on the order of subchannel refs.
	SubchannelRefs []string
	Targets        []string // in no particular order
	// The sockets the server listens on. There are no ordering
	// guarantees. This may be absent.
	ListenSockets []string
	// Events are shown to users in the order they are listed.
	Events []string
}
