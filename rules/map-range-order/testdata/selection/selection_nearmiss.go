package selection

import (
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Key equality matches one entry at most.
func byKey(servers map[string]*server, name string) *server {
	for k, srv := range servers {
		if k == name {
			return srv
		}
	}
	return nil
}

// Equality with a loop-invariant value (an ID lookup) is a unique match.
func byName(servers map[string]*server, name string) *server {
	for _, srv := range servers {
		if srv.name == name {
			return srv
		}
	}
	return nil
}

func byFoldedName(servers map[string]*server, name string) *server {
	for _, srv := range servers {
		if strings.EqualFold(srv.name, name) {
			return srv
		}
	}
	return nil
}

// Existence: the answer is the same whichever entry matches first.
func anyReady(servers map[string]*server) bool {
	for _, srv := range servers {
		if srv.ready {
			return true
		}
	}
	return false
}

func hasReady(servers map[string]*server) bool {
	found := false
	for _, srv := range servers {
		if srv.ready {
			found = true
			break
		}
	}
	return found
}

// Validation: the first failure is reported, the outcome (an error) is the same.
func validate(servers map[string]*server) error {
	for name, srv := range servers {
		if len(srv.listen) == 0 {
			return fmt.Errorf("server %s listens nowhere", name)
		}
	}
	return nil
}

// A chained logger (zerolog style) writes the failure before it is returned: a trace line.
type logEvent struct{ msg string }

func (e *logEvent) Msg(m string) { e.msg = m }

type chainLogger struct{}

func (chainLogger) Error() *logEvent { return &logEvent{} }

func validateLogged(lg chainLogger, servers map[string]*server) error {
	for name, srv := range servers {
		if len(srv.listen) == 0 {
			msg := fmt.Sprintf("server %s listens nowhere", name)
			lg.Error().Msg(msg)
			return errors.New(msg)
		}
	}
	return nil
}

func check(servers map[string]*server) error {
	for _, srv := range servers {
		if err := probe(srv); err != nil {
			return err
		}
	}
	return nil
}

func probe(s *server) error {
	if !s.ready {
		return errors.New("not ready")
	}
	return nil
}

// Evicting one arbitrary entry is deliberate.
func evictOne(cache map[string]*server) {
	for k, srv := range cache {
		if !srv.ready {
			delete(cache, k)
			break
		}
	}
}

// No early exit: every matching entry is handled.
func readyCount(servers map[string]*server) int {
	n := 0
	for _, srv := range servers {
		if srv.ready {
			n++
		}
	}
	return n
}

// Order-independent aggregation.
func longest(names map[string]int) int {
	best := 0
	for _, n := range names {
		best = max(best, n)
	}
	return best
}

// An index keyed by the outer key cannot collide.
func copyByKey(certs map[string]*cert) map[string]*cert {
	out := map[string]*cert{}
	for k, c := range certs {
		out[k] = c
	}
	return out
}

// A set of domains: every entry writes the same value.
func domainSet(certs map[string]*cert) map[string]bool {
	out := map[string]bool{}
	for _, c := range certs {
		for _, d := range strings.Split(c.domains, ",") {
			out[d] = true
		}
	}
	return out
}

// Grouping keeps every entry.
func groupByDomain(certs map[string]*cert) map[string][]*cert {
	out := map[string][]*cert{}
	for _, c := range certs {
		for _, d := range strings.Split(c.domains, ",") {
			out[d] = append(out[d], c)
		}
	}
	return out
}

// Duplicates are detected: the author handles collisions.
func uniqueDomains(certs map[string]*cert) (map[string]*cert, error) {
	out := map[string]*cert{}
	for _, c := range certs {
		for _, d := range strings.Split(c.domains, ",") {
			if _, dup := out[d]; dup {
				return nil, fmt.Errorf("domain %s twice", d)
			}
			out[d] = c
		}
	}
	return out, nil
}

// A callback that is not a parameter: a method value chosen here.
func visitPrint(progress map[uint64]*server) int {
	n := 0
	count := func(*server) { n++ }
	for _, s := range progress {
		count(s)
	}
	return n
}

// VisitAll calls f for every server, in no particular order.
func VisitAll(servers map[string]*server, f func(*server)) {
	for _, s := range servers {
		f(s)
	}
}

// An unexported visitor: its callers are in this package.
func eachServer(servers map[string]*server, f func(*server)) {
	for _, s := range servers {
		f(s)
	}
}

// A predicate filters; the order it sees does not change the result.
func Matching(servers map[string]*server, keep func(*server) bool) map[string]*server {
	out := map[string]*server{}
	for name, s := range servers {
		if keep(s) {
			out[name] = s
		}
	}
	return out
}

// A Range with a stop flag, like sync.Map.Range.
func Range(servers map[string]*server, f func(name string, s *server) bool) {
	for name, s := range servers {
		if !f(name, s) {
			return
		}
	}
}

// The first error is returned; an error-typed result is no selection.
func firstProblem(problems map[string][]error) error {
	for _, errs := range problems {
		for _, e := range errs {
			if e != nil {
				return e
			}
		}
	}
	return nil
}

func open(paths map[string]string) (map[string]int, error) {
	out := map[string]int{}
	for key, p := range paths {
		n, e := size(p)
		if e != nil {
			return nil, e
		}
		out[key] = n
	}
	return out, nil
}

func size(p string) (int, error) {
	if p == "" {
		return 0, errors.New("empty path")
	}
	return len(p), nil
}

type logger struct{}

func (logger) Printf(string, ...any) {}

var lg logger

// A log line and a bare return: nothing is picked.
func changed(old, cur map[string]int) bool {
	for topic, n := range old {
		if cur[topic] != n {
			lg.Printf("partitions of %s changed", topic)
			return true
		}
	}
	return false
}

// A continue filter on the key in front of the exit: a lookup by name.
func countOf(counts map[string]int, topic string) int {
	found := -1
	for t, n := range counts {
		if t != topic {
			continue
		}
		found = n
		break
	}
	return found
}

type consumer struct {
	mu      sync.RWMutex
	filters []string
}

// Unlocking on the way out is no use of the entry; the answer is a constant.
func noneCollide(consumers map[string]*consumer, subject string) bool {
	for _, c := range consumers {
		c.mu.RLock()
		if len(c.filters) == 0 {
			c.mu.RUnlock()
			return false
		}
		c.mu.RUnlock()
	}
	return true
}

// Recording the failure before returning it is error handling, not a selection.
func weights(m map[string]int, errs *[]error) (map[string]int, error) {
	out := map[string]int{}
	for k, w := range m {
		if w < 0 || w > 100 {
			err := fmt.Errorf("weight %d of %s out of range", w, k)
			*errs = append(*errs, err)
			return nil, err
		}
		out[k] = w
	}
	return out, nil
}

// The map holds one entry by the time the loop runs: nothing to choose between.
func agreedLeader(votes map[uint64]bool, members map[uint64]int) int {
	if len(votes) != 1 {
		return -1
	}
	for l := range votes {
		if i, ok := members[l]; ok {
			return i
		}
	}
	return -1
}

type dn struct{ parts []string }

func (d dn) Equal(o dn) bool { return len(d.parts) == len(o.parts) }

// An equality method against a loop-invariant value is a lookup.
func userFor(users map[string]dn, cert dn) string {
	for name, d := range users {
		if d.Equal(cert) {
			return name
		}
	}
	return ""
}

type typ struct{ name string }

func Identical(a, b *typ) bool { return a.name == b.name }

// An identity test against the wanted value is a lookup, whatever its name.
func indexOf(m map[*typ]int, want *typ) (int, bool) {
	for t, i := range m {
		if Identical(t, want) {
			return i, true
		}
	}
	return 0, false
}

// A prefix lookup against a loop-invariant name: names are written to be unique.
func serverIn(servers map[string]bool, cluster string) string {
	for s := range servers {
		if strings.HasPrefix(s, cluster) {
			return s
		}
	}
	return ""
}
