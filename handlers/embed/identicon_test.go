package embed_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/identicon"
)

// TestEmbedIdenticonImage: the thread's identicons are images under the
// base the widget builds its links on (a sub-path included), each served
// once for good as the drawing the inline SVG was.
func TestEmbedIdenticonImage(t *testing.T) {
	s := newEmbedSite(t, "")
	text := "A comment with an identicon"
	if _, err := s.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text}, URI: "/x"}, comment.Actor{IP: "10.1.2.3"}); err != nil {
		t.Fatal(err)
	}
	r := edo(t, s, "GET", "/natter/embed/thread?uri=/x", "", withHX("X-Script-Name", "/natter")...)
	img := r.doc.Find(`img[data-testid="avatar-identicon"]`)
	src, _ := img.Attr("src")
	u, err := url.Parse(src)
	if img.Length() != 1 || err != nil || !strings.HasPrefix(src, "http://example.com/natter/embed/identicons/") {
		t.Fatalf("identicon src = %q (%d images): %.300s", src, img.Length(), r.body)
	}
	if r.doc.Find(`[data-testid="avatar"] svg`).Length() != 0 {
		t.Error("identicon drawn inline as well")
	}
	got := edo(t, s, "GET", u.Path, "", "X-Script-Name", "/natter", "Accept-Encoding", "gzip")
	if got.StatusCode != 200 || got.Header.Get("Content-Type") != "image/svg+xml" || got.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("GET %s: %d %q %q", u.Path, got.StatusCode, got.Header.Get("Content-Type"), got.Header.Get("Content-Encoding"))
	}
	if cc := got.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || got.Header.Get("ETag") == "" {
		t.Errorf("Cache-Control %q, ETag %q", cc, got.Header.Get("ETag"))
	}
	plain := edo(t, s, "GET", u.Path, "", "X-Script-Name", "/natter")
	key := strings.TrimSuffix(u.Path[strings.LastIndex(u.Path, "/")+1:], ".svg")
	if want, _ := identicon.ForKey(key); plain.body != want || want == "" {
		t.Errorf("body = %q, want %q", plain.body, want)
	}
	again := edo(t, s, "GET", u.Path, "", "X-Script-Name", "/natter", "If-None-Match", got.Header.Get("ETag"))
	if again.StatusCode != 304 {
		t.Errorf("revalidation: %d", again.StatusCode)
	}
}

// TestEmbedIdenticonRefusesOtherNames: only five hex digits naming one of
// the 2^18 drawings are served; anything else is 404, never echoed.
func TestEmbedIdenticonRefusesOtherNames(t *testing.T) {
	s := newEmbedSite(t, "")
	if r := edo(t, s, "GET", "/embed/identicons/3ffff.svg", ""); r.StatusCode != 200 {
		t.Fatalf("3ffff: %d", r.StatusCode)
	}
	for _, name := range []string{"40000.svg", "3FFFF.svg", "3ffff", "3ffff.png", "3fff.svg", "03ffff.svg", "zzzzz.svg",
		"%3Cscript%3E.svg", "..%2F..%2Fx.svg", "3ffff.svg%00", "-0001.svg", "+0001.svg"} {
		r := edo(t, s, "GET", "/embed/identicons/"+name, "")
		if r.StatusCode != 404 || strings.Contains(r.body, "script") {
			t.Errorf("%s: %d %.100q", name, r.StatusCode, r.body)
		}
	}
}
