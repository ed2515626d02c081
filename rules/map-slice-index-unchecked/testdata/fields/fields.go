package fields

import (
	"net/http"
	"net/textproto"
	"net/url"
)

type table struct {
	replicas map[int][]string
}

// A shard the table does not hold yields a nil slice.
func (t *table) primary(shard int) string {
	return t.replicas[shard][0] // want "map-slice-index-unchecked"
}

// Filled at run time, so it is no lookup table.
var versions = map[string][]string{}

func register(name, v string) {
	versions[name] = append(versions[name], v)
}

func version(name string, v int) string {
	return versions[name][v-1] // want "map-slice-index-unchecked"
}

var aliases map[string][]string

func firstAlias(name string) string {
	return aliases[name][0] // want "map-slice-index-unchecked"
}

// http.Header and url.Values are maps of string slices.
func etag(h http.Header) string {
	return h["Etag"][0] // want "map-slice-index-unchecked"
}

func page(v url.Values) string {
	return v["page"][0] // want "map-slice-index-unchecked"
}

func mimeType(h textproto.MIMEHeader) string {
	return h["Content-Type"][0] // want "map-slice-index-unchecked"
}

// An alias of the response header.
func location(resp *http.Response) string {
	h := resp.Header
	return h["Location"][0] // want "map-slice-index-unchecked"
}
