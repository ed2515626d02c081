// Package plan stands for a dependency: its struct is only visible in vendor/.
package plan

type Plan struct {
	Name  string
	Steps map[string]int
}
