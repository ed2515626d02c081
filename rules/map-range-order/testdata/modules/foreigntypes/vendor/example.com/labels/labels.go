// Package labels stands for a dependency: its named map type is only visible in vendor/.
package labels

type Set map[string]string

type Selector struct {
	Match Set
}
