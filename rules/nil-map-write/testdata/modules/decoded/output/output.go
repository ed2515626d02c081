package output

// want-severity: warning

import (
	"example.com/decoded/config"
	"example.com/settings"
)

type Writer struct {
	config *config.Config
}

// The shape of tbls' config output: placeholder comments are added to the
// comment entries that came from the file, which may have no columns map.
func (w *Writer) Fill(tables map[string][]string) {
	for _, tc := range w.config.Comments {
		for _, col := range tables[tc.Table] {
			if _, ok := tc.Columns[col]; !ok {
				tc.Columns[col] = "column comment required." // want "nil-map-write"
			}
		}
	}
	for name := range tables {
		found := false
		for _, tc := range w.config.Comments {
			found = found || tc.Table == name
		}
		if !found {
			// Near miss: built here with the map.
			a := config.Comment{Table: name, Columns: map[string]string{}}
			a.Columns["id"] = "column comment required."
			w.config.Comments = append(w.config.Comments, a)
		}
	}
}

// A vendored decoder fills the structs.
func Env(b []byte) {
	f := settings.Parse(b)
	for _, p := range f.Profiles {
		p.Env["PROFILE"] = p.Name // want "nil-map-write"
	}
}

// Near miss: the fix, checked before the write.
func (w *Writer) FillFixed(col string) {
	for _, tc := range w.config.Comments {
		if tc.Columns == nil {
			continue
		}
		tc.Columns[col] = "column comment required."
	}
}

// Near miss: package config gives every rule a map after decoding.
func (w *Writer) Label(k, v string) {
	for _, r := range w.config.Rules {
		r.Labels[k] = v
	}
}

// Near miss: the value does not come from a decoded configuration.
func Annotate(c *config.Comment, col string) {
	c.Columns[col] = "column comment required."
}

// Near miss: a field the decoder skips (json:"-") says nothing about decoding.
func (w *Writer) Hide(k string) {
	extra := w.config.Extra
	extra.Hidden[k] = true
}
