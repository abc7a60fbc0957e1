package embed_test

import (
	"context"
	"strings"
	"testing"

	"github.com/natter/natter/handlers/embed"
	"github.com/natter/natter/internal/comment"
)

func TestEmbedRefusals(t *testing.T) {
	s := newEmbedSite(t, "[guard]\nenabled = true\nratelimit = 2\nrequire-email = true\n")
	cases := []struct {
		name, body string
		status     int
		msg, field string
	}{
		{"too short", eform("text", "ab", "email", "a@b.example"), 422, "too short", "text"},
		{"email required", eform("text", "long enough"), 422, "e-mail address", "email"},
		{"bad website", eform("text", "long enough", "email", "a@b.example", "website", "not a url"), 422, "website address", "website"},
	}
	for _, c := range cases {
		r := edo(t, s, "POST", "/embed/comments?uri=/g", c.body, hx...)
		if r.StatusCode != c.status || !strings.Contains(r.doc.Find(`[data-testid="form-error"]`).Text(), c.msg) {
			t.Errorf("%s: %d %q", c.name, r.StatusCode, r.doc.Find(`[data-testid="form-error"]`).Text())
		}
		if inv, _ := r.doc.Find(`[name="` + c.field + `"]`).Attr("aria-invalid"); inv != "true" {
			t.Errorf("%s: field %s not marked invalid", c.name, c.field)
		}
		// The loader swaps an error answer only when it carries this mark.
		if r.Header.Get(embed.RefusalHeader) != "1" {
			t.Errorf("%s: refusal without %s", c.name, embed.RefusalHeader)
		}
	}
	if r := edo(t, s, "GET", "/embed/thread?uri=/g", "", hx...); r.StatusCode != 200 || r.Header.Get(embed.RefusalHeader) != "" {
		t.Errorf("a thread answer is marked as a refusal: %d %v", r.StatusCode, r.Header)
	}
	for i := 0; i < 2; i++ {
		edo(t, s, "POST", "/embed/comments?uri=/g", eform("text", "fine comment", "email", "a@b.example"), hx...)
	}
	r := edo(t, s, "POST", "/embed/comments?uri=/g", eform("text", "one too many", "email", "a@b.example"), withHX("Accept-Language", "zh-CN")...)
	if r.StatusCode != 429 || !strings.Contains(r.doc.Find(`[data-testid="form-error"]`).Text(), "太快") {
		t.Errorf("rate limit in Chinese: %d %s", r.StatusCode, r.doc.Find(`[data-testid="form-error"]`).Text())
	}
	if r.doc.Find(`textarea[name="text"]`).Text() != "one too many" {
		t.Error("text lost after a refusal")
	}
}

func TestEmbedModerationPendingVisibleToAuthor(t *testing.T) {
	s := newEmbedSite(t, "[moderation]\nenabled = true\n")
	r := edo(t, s, "POST", "/embed/comments?uri=/m", eform("text", "Awaiting approval"), hx...)
	if r.StatusCode != 202 || r.doc.Find(`[data-testid="comment-pending"]`).Length() != 1 {
		t.Fatalf("pending post: %d %s", r.StatusCode, r.body)
	}
	if !strings.Contains(r.doc.Find(`[data-testid="form-notice"]`).Text(), "moderator") {
		t.Error("no moderation notice")
	}
	_, tok := tokenOf(t, r)
	if n := edo(t, s, "GET", "/embed/thread?uri=/m", "", hx...).doc.Find(`[data-testid="comment"]`).Length(); n != 0 {
		t.Errorf("stranger sees %d pending comments", n)
	}
	if n := edo(t, s, "GET", "/embed/thread?uri=/m", "", withHX("X-Natter-Token", tok)...).doc.Find(`[data-testid="comment-pending"]`).Length(); n != 1 {
		t.Errorf("author sees %d pending comments", n)
	}
}

func TestEmbedNoJSPost(t *testing.T) {
	s := newEmbedSite(t, "")
	ret := blog + "/post-1"
	r := edo(t, s, "POST", "/embed/comments", eform("uri", "/post-1", "text", "Posted without JS", "return", ret), "Origin", blog)
	if r.StatusCode != 303 || !strings.HasPrefix(r.Header.Get("Location"), ret+"#natter-comment-") {
		t.Fatalf("no-JS post: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	// A foreign return URL falls back to the site and the thread URI.
	r = edo(t, s, "POST", "/embed/comments", eform("uri", "/post-1", "text", "Second one", "return", "http://evil.example/"), "Origin", blog)
	if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, blog+"/post-1#natter-comment-") {
		t.Errorf("fallback redirect = %q", loc)
	}
	// A refused no-JS post shows the page with the message.
	r = edo(t, s, "POST", "/embed/comments", eform("uri", "/post-1", "text", "x"), "Origin", blog)
	if r.StatusCode != 422 || !strings.Contains(r.body, "<!doctype html>") || r.doc.Find(`[data-testid="form-error"]`).Length() != 1 {
		t.Errorf("no-JS refusal: %d %.300s", r.StatusCode, r.body)
	}
	// Only creation works without the custom header.
	if r := edo(t, s, "POST", "/embed/preview", eform("text", "x"), "Origin", blog); r.StatusCode != 403 {
		t.Errorf("no-JS preview: %d", r.StatusCode)
	}
}

// TestEmbedURILimit: the widget refuses a thread URI over the limit the
// Isso API applies, inline and without creating the thread.
func TestEmbedURILimit(t *testing.T) {
	s := newEmbedSite(t, "")
	long := "/" + strings.Repeat("a", comment.MaxURIBytes)
	r := edo(t, s, "POST", "/embed/comments?uri="+long, eform("text", "hello there"), hx...)
	if r.StatusCode != 422 || !strings.Contains(r.body, "too long") || r.Header.Get(embed.RefusalHeader) != "1" {
		t.Fatalf("long URI: %d %q", r.StatusCode, r.body)
	}
	if n, _ := s.Site.Comments.Counts(context.Background(), []string{long}); n[0] != 0 {
		t.Error("the thread was created")
	}
}

// TestEmbedDatabaseUnavailable: while the database refuses writes, a post
// answers 503 with Retry-After and the reader's text kept in the form,
// in the reader's language; it works again once writes pass.
func TestEmbedDatabaseUnavailable(t *testing.T) {
	s := newEmbedSite(t, "")
	if err := s.Site.DB.Writer().Exec("PRAGMA query_only = 1").Error; err != nil {
		t.Fatal(err)
	}
	r := edo(t, s, "POST", "/embed/comments?uri=/u&lang=zh-CN", eform("text", "keep this text"), hx...)
	if r.StatusCode != 503 || r.Header.Get("Retry-After") == "" || !strings.Contains(r.body, "keep this text") {
		t.Fatalf("unavailable: %d, Retry-After %q, body %q", r.StatusCode, r.Header.Get("Retry-After"), r.body)
	}
	if err := s.Site.DB.Writer().Exec("PRAGMA query_only = 0").Error; err != nil {
		t.Fatal(err)
	}
	if r := edo(t, s, "POST", "/embed/comments?uri=/u", eform("text", "keep this text"), hx...); r.StatusCode != 201 {
		t.Fatalf("after recovery: %d %s", r.StatusCode, r.body)
	}
}
