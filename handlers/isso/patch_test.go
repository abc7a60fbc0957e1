package isso_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

// TestThread_PatchedSnapshotMatchesReload writes to a thread whose
// snapshot is cached (new comments, votes and edits patch it in place of a
// reload) and compares every answer with a server that loads the thread
// afresh.
func TestThread_PatchedSnapshotMatchesReload(t *testing.T) {
	s := newSite(t, proxied)
	root, rootCookie := post(t, s, "/p/", map[string]any{"text": "root", "author": "Ann"})
	rootID := idOf(t, root)
	queries := []string{
		"/?uri=/p/",
		"/?uri=/p/&sort=newest&nested_limit=1",
		"/?uri=/p/&sort=upvotes&limit=2&offset=1",
		fmt.Sprintf("/?uri=/p/&parent=%d", rootID),
	}
	var reply int
	steps := []struct {
		name  string
		write func()
	}{
		{"a second top-level comment", func() { post(t, s, "/p/", map[string]any{"text": "second top", "email": "b@example.org"}) }},
		{"a reply", func() {
			r, _ := post(t, s, "/p/", map[string]any{"text": "a reply", "parent": rootID})
			reply = idOf(t, r)
		}},
		{"a reply to the reply", func() {
			post(t, s, "/p/", map[string]any{"text": "*reply* to the reply", "website": "https://example.org", "parent": reply})
		}},
		{"a like", func() { vote(t, s, rootID, "like") }},
		{"a dislike of a reply", func() { vote(t, s, reply, "dislike") }},
		{"an edit", func() {
			r := do(t, s, req{method: http.MethodPut, path: fmt.Sprintf("/id/%d", rootID), headers: jsonCT,
				body: `{"text": "root, **edited**", "author": "Ann B."}`, cookies: []*http.Cookie{rootCookie}})
			if r.status != http.StatusOK {
				t.Fatalf("edit: %s", r)
			}
		}},
		{"a third top-level comment", func() { post(t, s, "/p/", map[string]any{"text": "third top"}) }},
	}
	counts := req{method: "POST", path: "/count", body: `["/p/", "/other/"]`, headers: jsonCT}
	for _, st := range steps {
		for _, q := range queries {
			get(t, s, q) // cache the snapshot and answers the next write must patch
		}
		do(t, s, counts) // and a count answer it must outdate
		tick(s)
		st.write()
		fresh := testsite.New(t, testsite.Options{Config: mergeConfig(baseConfig, proxied), DBPath: s.Site.DBPath})
		for _, q := range append(queries, "/id/"+fmt.Sprint(rootID)) {
			if got, want := get(t, s, q), get(t, fresh, q); got.String() != want.String() {
				t.Errorf("after %s, %s:\npatched  %s\nreloaded %s", st.name, q, got, want)
			}
		}
		if got, want := do(t, s, counts), do(t, fresh, counts); got.String() != want.String() {
			t.Errorf("after %s, counts: patched %s, reloaded %s", st.name, got, want)
		}
	}
}

func vote(t *testing.T, s *testsite.Site, id int, dir string) {
	t.Helper()
	r := do(t, s, req{method: http.MethodPost, path: fmt.Sprintf("/id/%d/%s", id, dir), headers: from("203.0.113.9")})
	if r.status != http.StatusOK || strings.Contains(string(r.body), `"message"`) {
		t.Fatalf("%s %d: %s", dir, id, r)
	}
}
