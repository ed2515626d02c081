package testdata

// want-severity: warning

// Self-evidence: the function writes into a map field and only later asks
// whether that map exists.

type operation struct {
	workspace string
	variables map[string]string
}

func newOperation(ws string) *operation {
	return &operation{workspace: ws, variables: map[string]string{}}
}

func (o *operation) merge(fetched map[string]string) int {
	for k, v := range fetched {
		o.variables[k] = v // want "nil-map-write"
	}
	if o.variables == nil {
		return 0
	}
	return len(o.variables)
}

type hitCounts struct {
	tally map[string]int
}

func (c *hitCounts) start() { c.tally = map[string]int{} }

func record(c *hitCounts, key string) bool {
	c.tally[key]++ // want "nil-map-write"
	return c.tally != nil
}
