package fields

import (
	"net/http"
	"net/url"
)

// The checks Go code really writes before indexing.
func (t *table) secondary(shard int) string {
	if len(t.replicas[shard]) > 1 {
		return t.replicas[shard][1]
	}
	return ""
}

func (t *table) any(shard int) string {
	if r, ok := t.replicas[shard]; ok && len(r) > 0 {
		return r[0]
	}
	return ""
}

func (t *table) guarded(shard int) string {
	if len(t.replicas[shard]) == 0 {
		return ""
	}
	return t.replicas[shard][0]
}

func (t *table) each(shard int) []string {
	var out []string
	for i := range t.replicas[shard] {
		out = append(out, t.replicas[shard][i])
	}
	return out
}

func checkedVersion(name string, v int) string {
	if vs := versions[name]; v > 0 && v <= len(vs) {
		return vs[v-1]
	}
	return ""
}

func hasVersion(name string) bool {
	return versions[name] != nil && versions[name][0] != ""
}

// Get returns "" for a missing key instead of panicking.
func etagGet(h http.Header) string {
	return h.Get("Etag")
}

func pageGet(v url.Values) string {
	return v.Get("page")
}

func pageChecked(v url.Values) string {
	if len(v["page"]) == 1 {
		return v["page"][0]
	}
	return ""
}

// A package-level lookup table that nothing writes.
var units = map[string][]string{
	"size": {"B", "KB", "MB"},
}

func unit(kind string, i int) string {
	return units[kind][i]
}
