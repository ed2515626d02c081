package testdata

import "crypto/tls"

// Near misses: filtering loops, small constant collections, maps used before
// the loop, channels, hinted makes, sources declared after the make, and
// collections changed between the make and the loop.

func filtered(users []User) map[string]User {
	out := make(map[string]User)
	for _, u := range users {
		if u.Name == "" {
			continue
		}
		out[u.ID] = u
	}
	return out
}

func conditional(users []User) map[string]User {
	out := make(map[string]User)
	for _, u := range users {
		if u.Name != "" {
			out[u.ID] = u
		}
	}
	return out
}

func smallArray(xs [4]int) map[int]bool {
	m := make(map[int]bool)
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func smallLiteral() map[string]int {
	m := map[string]int{}
	for i, s := range []string{"a", "b", "c"} {
		m[s] = i
	}
	return m
}

func usedBefore(users []User) map[string]User {
	out := make(map[string]User)
	out["root"] = User{ID: "root"}
	for _, u := range users {
		out[u.ID] = u
	}
	return out
}

func fromChannel(ch chan User) map[string]User {
	out := make(map[string]User)
	for u := range ch {
		out[u.ID] = u
	}
	return out
}

func hinted(users []User) map[string]User {
	out := make(map[string]User, len(users))
	for _, u := range users {
		out[u.ID] = u
	}
	return out
}

func declaredLater(load func() []User) map[string]User {
	out := make(map[string]User)
	users := load()
	for _, u := range users {
		out[u.ID] = u
	}
	return out
}

func changedBetween(users []User) map[string]User {
	out := make(map[string]User)
	users = append(users, User{ID: "extra"})
	for _, u := range users {
		out[u.ID] = u
	}
	return out
}

func fromCall(load func() []User) map[string]User {
	out := make(map[string]User)
	for _, u := range load() {
		out[u.ID] = u
	}
	return out
}

// One iteration variable over a type mapguard cannot see: it could be a channel.
func oneVar(c *tls.Config) map[int]bool {
	m := make(map[int]bool)
	for i := range c.NextProtos {
		m[i] = true
	}
	return m
}
