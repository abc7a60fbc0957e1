package isso_test

import (
	"fmt"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

// TestThread_PatchedSnapshotMatchesReload adds comments to a thread whose
// snapshot is cached (the service patches it in place of a reload) and
// compares every answer with a server that loads the thread afresh.
func TestThread_PatchedSnapshotMatchesReload(t *testing.T) {
	s := newSite(t, "")
	root, _ := post(t, s, "/p/", map[string]any{"text": "root", "author": "Ann"})
	queries := []string{
		"/?uri=/p/",
		"/?uri=/p/&sort=newest&nested_limit=1",
		"/?uri=/p/&sort=upvotes&limit=2&offset=1",
		fmt.Sprintf("/?uri=/p/&parent=%d", idOf(t, root)),
	}
	steps := []map[string]any{
		{"text": "second top", "email": "b@example.org"},
		{"text": "a reply", "parent": idOf(t, root)},
		{"text": "*reply* to the reply", "website": "https://example.org"},
		{"text": "third top"},
	}
	counts := req{method: "POST", path: "/count", body: `["/p/", "/other/"]`, headers: jsonCT}
	for i, in := range steps {
		for _, q := range queries {
			get(t, s, q) // cache the snapshot and answers the next write must patch
		}
		do(t, s, counts) // and a count answer it must outdate
		tick(s)
		if i == 2 {
			prev, _ := post(t, s, "/p/", map[string]any{"text": "parent of the next"})
			in["parent"] = idOf(t, prev)
		}
		post(t, s, "/p/", in)
		fresh := testsite.New(t, testsite.Options{Config: baseConfig, DBPath: s.Site.DBPath})
		for _, q := range queries {
			got, want := get(t, s, q), get(t, fresh, q)
			if got.String() != want.String() {
				t.Errorf("after step %d, %s:\npatched  %s\nreloaded %s", i, q, got, want)
			}
		}
		if got, want := do(t, s, counts), do(t, fresh, counts); got.String() != want.String() {
			t.Errorf("after step %d, counts: patched %s, reloaded %s", i, got, want)
		}
	}
}
