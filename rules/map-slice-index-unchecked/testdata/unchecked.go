package fixture

import (
	"mime"
	"net/http"
	"net/url"
)

type Route struct{ Path string }

type Router struct {
	routes map[string][]Route
}

type Index map[string][]int

func first(m map[string][]string, k string) string {
	return m[k][0] // want "map-slice-index-unchecked"
}

func filename(url string) (string, error) {
	h, err := http.Head(url)
	if err != nil {
		return "", err
	}
	defer h.Body.Close()
	_, params, err := mime.ParseMediaType(h.Header["Content-Disposition"][0]) // want "map-slice-index-unchecked"
	return params["filename"], err
}

func name(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	w.Write([]byte(r.Form["name"][0])) // want "map-slice-index-unchecked"
}

func (rt *Router) primary(name string) string {
	return rt.routes[name][0].Path // want "map-slice-index-unchecked"
}

func lastPos(ix Index, word string) int {
	positions := ix[word]
	_ = positions
	return ix["the"][1] // want "map-slice-index-unchecked"
}

func overwrite(m map[int][]float64, id int) {
	m[id][0] = 1.5 // want "map-slice-index-unchecked"
}

func query(v url.Values) string {
	return v["q"][0] // want "map-slice-index-unchecked"
}

func viaClient(c *http.Client, req *http.Request) (string, error) {
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return resp.Header["Etag"][0], nil // want "map-slice-index-unchecked"
}

var aliases = map[string][]string{
	"colour": {"color"},
}

// A constant key the table does not list.
func firstAlias() string {
	return aliases["size"][0] // want "map-slice-index-unchecked"
}

func queryID(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query()["id"][0] // want "map-slice-index-unchecked"
	w.Write([]byte(id))
}

func parsed(raw string) (string, error) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return "", err
	}
	return q["token"][0], nil // want "map-slice-index-unchecked"
}

func localLiteralLacksKey() int {
	groups := map[string][]int{"key": {1, 2, 3}}
	return groups["other"][0] // want "map-slice-index-unchecked"
}
