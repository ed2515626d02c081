package fixture

import "testing"

// A test indexes the map it has just built: a missing key fails this test, which is its job.
func TestFirstAddrs(t *testing.T) {
	got := map[string][]string{}
	got["a"] = append(got["a"], "10.0.0.1")
	want := map[string][]string{"a": {"10.0.0.1"}}
	if len(got) != len(want) {
		t.Fatalf("got %d hosts", len(got))
	}
	for name := range want {
		if got[name][0] != want[name][0] {
			t.Errorf("%s: got %s", name, got[name][0])
		}
	}
	if got["a"][0] != "10.0.0.1" {
		t.Fatal("wrong address")
	}
	resp := map[string][]string{"X-Id": {"1"}}
	if resp["X-Id"][0] != "1" || helperHeader(resp)["X-Req"][0] == "" {
		t.Fatal("missing header")
	}
}

func helperHeader(h map[string][]string) map[string][]string {
	h["X-Req"] = []string{"r"}
	return h
}
