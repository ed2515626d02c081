package report

import (
	"sort"
	"strings"

	cfg "example.com/foreigntypes/config"
	"example.com/labels"
)

type LocalContext = cfg.Context

func Names(m *cfg.Meta) []string {
	var out []string
	for name := range m.ByName { // want "map-range-order"
		out = append(out, name)
	}
	return out
}

func Owners(c LocalContext) string {
	var parts []string
	for o := range c.Owners { // want "map-range-order"
		parts = append(parts, o)
	}
	return strings.Join(parts, ",")
}

func Selector(s labels.Selector) []string {
	var out []string
	for k, v := range s.Match { // want "map-range-order"
		out = append(out, k+"="+v)
	}
	return out
}

func Hooks() []string {
	var out []string
	for name := range cfg.Default { // want "map-range-order"
		out = append(out, name)
	}
	return out
}

// Near miss: the keys are sorted before they leave.
func SortedNames(m *cfg.Meta) []string {
	var out []string
	for name := range m.ByName {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Near miss: a sum does not depend on the order.
func Total(m cfg.Meta) int {
	n := 0
	for _, v := range m.ByName {
		n += v
	}
	return n
}

// The first result of another package's (T, error) function.
func LookedUp(name string) []string {
	m, err := cfg.Lookup(name)
	if err != nil {
		return nil
	}
	var out []string
	for o := range m.Owners { // want "map-range-order"
		out = append(out, o)
	}
	return out
}

// The i-th result of a method of another package's type.
func SplitNames(m *cfg.Meta) []string {
	s, owners, _ := m.Split()
	var out []string
	for name := range s.ByName { // want "map-range-order"
		out = append(out, name)
	}
	for o := range owners { // want "map-range-order"
		out = append(out, o)
	}
	return out
}
