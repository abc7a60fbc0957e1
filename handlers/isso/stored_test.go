package isso_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/natter/natter/internal/pgtest"
	"github.com/natter/natter/internal/testsite"
)

func gunzipped(t *testing.T, r resp) string {
	t.Helper()
	if r.header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("not gzip: %v", r.header)
	}
	return testsite.Gunzip(t, r.body)
}

// A server that never loaded a thread answers it from the answer another
// server stored, byte for byte what a load gives; a change to the thread
// (by that other server, as by Isso) ends the stored answer.
func TestStoredAnswers_ServeAnotherServersThreadExactly(t *testing.T) {
	if pgtest.Wanted() {
		t.Skip("stored answers are SQLite's (PostgreSQL sites cache in memory only)")
	}
	first := newSite(t, "")
	var ids []int
	var cookie *http.Cookie
	for i := range 3 {
		c, ck := post(t, first, "/stored/", map[string]any{"text": "comment " + strconv.Itoa(i), "author": "A"})
		ids, cookie = append(ids, idOf(t, c)), ck
		tick(first)
	}
	const path = "/?uri=/stored/&nested_limit=5"
	gz := map[string]string{"Accept-Encoding": "gzip"}
	want := gunzipped(t, do(t, first, req{method: http.MethodGet, path: path, headers: gz}))
	testsite.WaitStored(t, first, 1)

	second := testsite.New(t, testsite.Options{Config: mergeConfig(baseConfig, ""), DBPath: first.Site.DBPath})
	second.Clock.Advance(first.Clock.Now().Sub(second.Clock.Now()))
	if got := gunzipped(t, do(t, second, req{method: http.MethodGet, path: path, headers: gz})); got != want {
		t.Fatalf("stored answer differs from the load:\n got %s\nwant %s", got, want)
	}
	if n := testsite.SpaceEntries(second, "snapshot"); n != 0 {
		t.Errorf("the second server loaded %d snapshots; the stored answer should have served", n)
	}
	if got := get(t, second, path); string(got.body) != want {
		t.Errorf("plain form of the stored answer:\n got %s\nwant %s", got.body, want)
	}

	// An edit on the first server changes the thread under the second.
	if r := do(t, first, req{method: http.MethodPut, path: "/id/" + strconv.Itoa(ids[2]), headers: jsonCT,
		body: `{"text": "edited"}`, cookies: []*http.Cookie{cookie}}); r.status != http.StatusOK {
		t.Fatalf("edit: %s", r)
	}
	testsite.WaitStored(t, first, 0) // the edit dropped the answers
	changed := gunzipped(t, do(t, first, req{method: http.MethodGet, path: path, headers: gz}))
	if changed == want {
		t.Fatal("the edit did not change the answer")
	}
	second.Clock.Advance(2 * time.Second) // past the check for other processes' writes
	if got := gunzipped(t, do(t, second, req{method: http.MethodGet, path: path, headers: gz})); got != changed {
		t.Errorf("after the edit the second server answers\n%s\nnot\n%s", got, changed)
	}
}
