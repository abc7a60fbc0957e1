package embed_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/natter/natter/internal/pgtest"
	"github.com/natter/natter/internal/testsite"
)

func unzip(t *testing.T, r eresp) string {
	t.Helper()
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("not gzip: %d %v", r.StatusCode, r.Header)
	}
	return testsite.Gunzip(t, []byte(r.body))
}

// TestEmbedStoredRender: a server that never loaded a thread sends the
// render another server stored, byte for byte, until the render's first
// relative time would read differently; then it renders afresh.
func TestEmbedStoredRender(t *testing.T) {
	if pgtest.Wanted() {
		t.Skip("stored answers are SQLite's (PostgreSQL sites cache in memory only)")
	}
	const config = "[guard]\nenabled = false\n"
	s := newEmbedSite(t, config)
	for i := range 3 {
		if r := edo(t, s, "POST", "/embed/comments?uri=/st", eform("text", fmt.Sprint("stored comment ", i)), hx...); r.StatusCode >= 300 {
			t.Fatalf("post: %d %s", r.StatusCode, r.body)
		}
	}
	const target = "/embed/thread?uri=/st"
	gz := withHX("Accept-Encoding", "gzip")
	// The writer's snapshot was patched by its writes, and a patched
	// snapshot's renders are not stored; a server that loads the thread
	// stores its render.
	reader := func() *testsite.Site {
		r := testsite.New(t, testsite.Options{Config: "[general]\nhost = " + blog + "\n" + config, DBPath: s.Site.DBPath})
		r.Clock.Advance(s.Clock.Now().Sub(r.Clock.Now()))
		return r
	}
	firstSite := reader()
	first := edo(t, firstSite, "GET", target, "", gz...)
	page := unzip(t, first)
	testsite.WaitStored(t, firstSite, 1)

	second := reader()
	got := edo(t, second, "GET", target, "", gz...)
	if unzip(t, got) != page || got.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Fatalf("the stored render differs from the first server's:\n%s\n---\n%s", unzip(t, got), page)
	}
	if n := testsite.SpaceEntries(second, "snapshot"); n != 0 {
		t.Errorf("the second server loaded %d snapshots; the stored render should have served", n)
	}
	if got.Header.Get("Cache-Control") != first.Header.Get("Cache-Control") || got.Header.Get("Vary") != first.Header.Get("Vary") {
		t.Errorf("headers differ: %v vs %v", got.Header, first.Header)
	}
	if plain := edo(t, second, "GET", target, "", hx...); plain.body != page {
		t.Errorf("the plain form of the stored render differs:\n%s", plain.body)
	}

	// The comments were posted "just now": a minute later they read
	// "1 minute ago", and the stored render no longer serves.
	second.Clock.Advance(time.Minute)
	aged := unzip(t, edo(t, second, "GET", target, "", gz...))
	if aged == page {
		t.Error("a minute later the second server still sends the render of \"just now\"")
	}
	if n := testsite.SpaceEntries(second, "snapshot"); n != 1 {
		t.Errorf("after the render aged the second server holds %d snapshots, want the one it rendered from", n)
	}
}
