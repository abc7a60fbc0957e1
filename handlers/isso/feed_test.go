package isso_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestNoSniff: JSON and feed answers tell browsers not to guess another
// type.
func TestNoSniff(t *testing.T) {
	s := newSite(t, "[rss]\nbase = https://blog.example/\n[general]\nlatest-enabled = true\n")
	post(t, s, "/n/", map[string]any{"text": "hello"})
	accept := map[string]string{"Accept": "application/json"}
	for _, r := range []req{
		{method: http.MethodGet, path: "/?uri=/n/"},
		{method: http.MethodGet, path: "/config"},
		{method: http.MethodGet, path: "/info"},
		{method: http.MethodGet, path: "/latest?limit=1"},
		{method: http.MethodPost, path: "/count", body: `["/n/"]`},
		{method: http.MethodPost, path: "/preview", body: `{"text": "hi"}`},
		{method: http.MethodPost, path: "/id/99/like"},                   // null
		{method: http.MethodPost, path: "/preview", headers: accept},     // JSON error
		{method: http.MethodGet, path: "/nothing-here", headers: accept}, // central handler
		{method: http.MethodGet, path: "/feed?uri=/n/"},
		{method: http.MethodGet, path: "/feed?uri=/none/"},
	} {
		got := do(t, s, r)
		if v := got.header.Get("X-Content-Type-Options"); v != "nosniff" {
			t.Errorf("%s %s (%d %s): X-Content-Type-Options = %q", r.method, r.path, got.status,
				got.header.Get("Content-Type"), v)
		}
	}
}

// TestFeed_AuthorNames: the feed shows names as typed. Isso stores them
// HTML-escaped and its feed escapes them again, so a reader of Isso 0.14's
// feed sees "&lt;b&gt;Bo&lt;/b&gt;" for "<b>Bo</b>"; Natter's escapes once.
func TestFeed_AuthorNames(t *testing.T) {
	tests := []struct {
		typed, want string
	}{
		{"<b>Bo</b>", "<name>&lt;b&gt;Bo&lt;/b&gt;</name>"},
		{"AT&T", "<name>AT&amp;T</name>"},
		{"&amp; literally", "<name>&amp;amp; literally</name>"},
		{"Zoë", "<name>Zoë</name>"},
		{"", "<name />"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			s := newSite(t, "[rss]\nbase = https://blog.example/\n")
			post(t, s, "/a/", map[string]any{"text": "hello", "author": tt.typed})
			body := string(get(t, s, "/feed?uri=/a/").body)
			if !strings.Contains(body, "<author>"+tt.want+"</author>") {
				t.Errorf("author %q: want %s in\n%s", tt.typed, tt.want, body)
			}
		})
	}
}

// TestFeed_NotModifiedHeaders: Isso's 304 for the feed carries the ETag
// but no Last-Modified; the 200 carries both.
func TestFeed_NotModifiedHeaders(t *testing.T) {
	s := newSite(t, "[rss]\nbase = https://blog.example/\n")
	post(t, s, "/a/", map[string]any{"text": "hello"})
	full := get(t, s, "/feed?uri=/a/")
	etag, lm := full.header.Get("ETag"), full.header.Get("Last-Modified")
	if full.status != http.StatusOK || etag == "" || lm == "" {
		t.Fatalf("200: %s ETag %q Last-Modified %q", full, etag, lm)
	}
	for _, tt := range []struct {
		name    string
		headers map[string]string
	}{
		{"If-None-Match", map[string]string{"If-None-Match": etag}},
		{"If-Modified-Since", map[string]string{"If-Modified-Since": lm}},
		{"empty feed", map[string]string{"If-None-Match": `"empty"`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := "/feed?uri=/a/"
			if tt.name == "empty feed" {
				path = "/feed?uri=/none/"
			}
			r := do(t, s, req{method: http.MethodGet, path: path, headers: tt.headers})
			if r.status != http.StatusNotModified {
				t.Fatalf("%s", r)
			}
			if r.header.Get("ETag") == "" || r.header.Get("Last-Modified") != "" {
				t.Errorf("304 headers: ETag %q, Last-Modified %q", r.header.Get("ETag"), r.header.Get("Last-Modified"))
			}
		})
	}
}
