// Package state declares the instance state. It allocates Attributes only
// lazily, in an unexported initialiser, and copies keep a nil map nil: the
// package itself expects values whose Attributes is nil.
package state

type InstanceState struct {
	ID         string            `json:"id"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Meta       map[string]string `json:"meta,omitempty"`
}

func (i *InstanceState) init() {
	if i.Attributes == nil {
		i.Attributes = make(map[string]string)
	}
}

// Empty reads the state only.
func (i *InstanceState) Empty() bool { return i == nil || i.ID == "" }

// Init is the exported way to allocate the map.
func (i *InstanceState) Init() { i.init() }

func (i *InstanceState) DeepCopy() *InstanceState {
	n := &InstanceState{ID: i.ID}
	if i.Attributes != nil {
		n.Attributes = make(map[string]string, len(i.Attributes))
		for k, v := range i.Attributes {
			n.Attributes[k] = v
		}
	}
	return n
}

// New builds a state with its map.
func New(id string) *InstanceState {
	return &InstanceState{ID: id, Attributes: map[string]string{}}
}

// Fresh builds one through the lazy initialiser.
func Fresh(id string) *InstanceState {
	s := &InstanceState{ID: id}
	s.init()
	return s
}
