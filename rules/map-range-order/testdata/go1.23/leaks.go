package fixture

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

type Registry struct {
	names []string
	users map[string]int
}

// Names returns every registered name.
func Names(m map[string]int) []string {
	names := make([]string, 0, len(m))
	for name := range m { // want:notice "map-range-order"
		names = append(names, name)
	}
	return names
}

func pairs(env map[string]string) []string {
	var out []string
	for k, v := range env { // want:notice "map-range-order"
		out = append(out, k+"="+v)
	}
	return out
}

func dump(w io.Writer, counts map[string]int) {
	for word, n := range counts { // want "map-range-order"
		fmt.Fprintf(w, "%s %d\n", word, n)
	}
}

func joined(tags map[string]bool) string {
	var parts []string
	for t := range tags { // want "map-range-order"
		parts = append(parts, t)
	}
	return strings.Join(parts, ",")
}

func render(labels map[string]string) string {
	var sb strings.Builder
	for k, v := range labels { // want "map-range-order"
		sb.WriteString(k)
		sb.WriteString(v)
	}
	return sb.String()
}

func digest(fields map[string]string) []byte {
	h := sha256.New()
	for k := range fields { // want "map-range-order"
		h.Write([]byte(k))
	}
	return h.Sum(nil)
}

func encodeIDs(ids map[int]bool) ([]byte, error) {
	var list []int
	for id := range ids { // want "map-range-order"
		list = append(list, id)
	}
	return json.Marshal(list)
}

func (r *Registry) refresh() {
	for name := range r.users { // want "map-range-order"
		r.names = append(r.names, name)
	}
}

func csvLine(cols map[string]int) string {
	line := ""
	for c := range cols { // want:notice "map-range-order"
		line += c + ","
	}
	return line
}

func publish(ch chan<- []string, m map[string]int) {
	var keys []string
	for k := range m { // want "map-range-order"
		keys = append(keys, k)
	}
	ch <- keys
}

func collect(m map[uint16]string) (ports []uint16) {
	for p := range m { // want:notice "map-range-order"
		ports = append(ports, p)
	}
	return
}

func sameKeys(a map[string]int, want []string) bool {
	var got []string
	for k := range a { // want "map-range-order"
		got = append(got, k)
	}
	return reflect.DeepEqual(got, want)
}

func encodeAll(enc *json.Encoder, m map[string]Registry) {
	for _, v := range m { // want "map-range-order"
		_ = enc.Encode(v.names)
	}
}
