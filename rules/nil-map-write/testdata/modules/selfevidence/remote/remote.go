package remote

// want-severity: warning

import (
	"fmt"

	"example.com/plan"
	"example.com/selfevidence/backend"
)

// The shape of terraform's remote backend: the variables fetched from the
// workspace are stored into the operation's map, and only later does the
// function ask whether that map exists.
func Context(op *backend.Operation, fetched map[string]string) []string {
	workspace := op.Workspace
	fmt.Println(op.Describe(), workspace)
	for k, v := range fetched {
		op.Variables[k] = v // want "nil-map-write"
	}
	if op.Variables != nil {
		return op.Targets
	}
	return nil
}

// The struct comes from a vendored dependency.
func Count(p *plan.Plan, step string) int {
	p.Steps[step]++ // want "nil-map-write"
	if p.Steps == nil {
		return 0
	}
	return len(p.Steps)
}

// A chain base: the test names the same field through the same chain.
type runner struct{ op *backend.Operation }

func (r *runner) set(k, v string) bool {
	r.op.Variables[k] = v // want "nil-map-write"
	return r.op.Variables != nil
}

// Near miss: the fix, the check comes before the write.
func ContextFixed(op *backend.Operation, fetched map[string]string) {
	if op.Variables == nil {
		op.Variables = make(map[string]string)
	}
	for k, v := range fetched {
		op.Variables[k] = v
	}
	if op.Variables != nil {
		fmt.Println(len(op.Variables))
	}
}

// Near miss: a method of the declaring package allocates it first (through its own helper).
func Prepared(op *backend.Operation, k, v string) bool {
	op.Prepare()
	op.Variables[k] = v
	return op.Variables != nil
}

// Near miss: handed to a function that allocates it.
func Defaulted(op *backend.Operation, k, v string) bool {
	backend.Defaults(op)
	op.Variables[k] = v
	return op.Variables != nil
}

// Near miss: no later nil test, nothing says the map can be nil.
func Plain(op *backend.Operation, k, v string) {
	op.Variables[k] = v
}

// Near miss: the later test is about another operation.
func Rebound(op *backend.Operation, next *backend.Operation, k, v string) bool {
	op.Variables[k] = v
	op = next
	return op.Variables != nil
}

// Near miss: a closure runs whenever it is called; the later test may run first.
func Deferred(op *backend.Operation, k, v string) func() {
	set := func() { op.Variables[k] = v }
	if op.Variables == nil {
		op.Variables = map[string]string{}
	}
	return set
}

// Near miss: the write is inside a range over the same map (a nil map has no entries).
func Refresh(p *plan.Plan) bool {
	for name := range p.Steps {
		p.Steps[name] = 0
	}
	return p.Steps != nil
}
