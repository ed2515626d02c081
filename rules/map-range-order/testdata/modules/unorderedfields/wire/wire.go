// Package wire stands for an HTTP/2 header encoder.
package wire

type HeaderField struct {
	Name, Value string
}

type Metadata map[string][]string
