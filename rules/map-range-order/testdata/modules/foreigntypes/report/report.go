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
