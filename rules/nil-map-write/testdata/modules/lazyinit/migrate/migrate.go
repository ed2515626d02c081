package migrate

// want-severity: warning

import (
	"errors"
	"log"
	"strings"

	"example.com/cache"
	"example.com/lazyinit/state"
)

// The shape of terraform's instance migration: the state comes from the
// caller, the function reads, deletes and counts, then seeds new keys.
func MigrateV0(is *state.InstanceState) *state.InstanceState {
	if is.Empty() {
		return is
	}
	log.Printf("attributes before: %#v", is.Attributes)
	delete(is.Attributes, "block_device.#")
	n := countOld(is)
	is.Attributes["ebs_block_device.#"] = "0" // want "nil-map-write"
	if n > 0 {
		is.Attributes["root_block_device.#"] = "1" // want "nil-map-write"
	}
	writeDevice(is, "sda")
	return is
}

// Near miss: its caller has already written the map (a nil map panics there first).
func writeDevice(is *state.InstanceState, name string) {
	is.Attributes["device."+name] = "1"
}

func Upgrade(is *state.InstanceState) {
	if is.Attributes == nil {
		return
	}
	seedCounts(is)
}

// Near miss: its only caller checks the map first.
func seedCounts(is *state.InstanceState) {
	is.Attributes["count"] = "0"
}

// countOld only reads: handing the state to it does not allocate anything.
func countOld(is *state.InstanceState) int {
	n := 0
	for k := range is.Attributes {
		if strings.HasPrefix(k, "block_device.") {
			n++
		}
	}
	return n
}

// The struct is declared in a vendored dependency that allocates lazily.
func Label(e *cache.Entry) {
	e.Tags["seen"] = true // want "nil-map-write"
}

// Near miss: the fix, the migration checks first.
func MigrateV0Fixed(is *state.InstanceState) *state.InstanceState {
	if is.Empty() || is.Attributes == nil {
		return is
	}
	is.Attributes["ebs_block_device.#"] = "0"
	return is
}

// Near miss: the declaring package's constructor makes the map.
func Seed(id string) *state.InstanceState {
	is := state.New(id)
	is.Attributes["seed"] = "1"
	return is
}

// Near miss: this constructor allocates through the lazy initialiser.
func SeedFresh(id string) *state.InstanceState {
	is := state.Fresh(id)
	is.Attributes["seed"] = "1"
	return is
}

// Near miss: the exported initialiser runs before the write.
func Prepared(is *state.InstanceState) {
	is.Init()
	is.Attributes["ready"] = "1"
}

// Near miss: a method of the dependency allocates before the write.
func Tagged(e *cache.Entry) {
	e.Tag("first")
	e.Tags["second"] = true
}

// Near miss: built here with the map.
func Built(id string) *state.InstanceState {
	is := &state.InstanceState{ID: id, Attributes: map[string]string{}}
	is.Attributes["built"] = "1"
	return is
}

// Near miss: Meta is never allocated lazily by package state: no evidence either way.
func Annotate(is *state.InstanceState) {
	is.Meta["owner"] = "ops"
}

// Near miss: the dependency's constructor makes the map.
func NewLabelled(key string) *cache.Entry {
	e := cache.NewEntry(key)
	e.Tags["new"] = true
	return e
}

// Near miss: the map's contents are parsed first and a failure returns (a nil map has no port).
func Rehash(is *state.InstanceState) error {
	port, err := parsePort(is.Attributes)
	if err != nil {
		return err
	}
	is.Attributes["id"] = "sg-" + port
	return nil
}

func parsePort(attrs map[string]string) (string, error) {
	p, ok := attrs["port"]
	if !ok {
		return "", errors.New("no port")
	}
	return p, nil
}

// Near miss: the keys written back were collected from the map itself, so a
// nil map gives nothing to write.
func Rekey(is *state.InstanceState) {
	renamed := make(map[string]string)
	for k, v := range is.Attributes {
		if strings.HasPrefix(k, "metadata.") {
			renamed["meta."+k[len("metadata."):]] = v
			delete(is.Attributes, k)
		}
	}
	for k, v := range renamed {
		is.Attributes[k] = v
	}
}

// Near miss: grouped values, written back through two loops.
func Regroup(is *state.InstanceState) {
	groups := map[string][]string{}
	for k, v := range is.Attributes {
		groups[k[:1]] = append(groups[k[:1]], v)
	}
	for g, vs := range groups {
		for _, v := range vs {
			is.Attributes[g+"."+v] = v
		}
	}
}
