package isso_test

import (
	"context"
	"net/http"
	"testing"
)

// TestGolden pins every JSON response shape (times normalised).
func TestGolden(t *testing.T) {
	s := newSite(t, proxied+"[general]\nlatest-enabled = true\ngravatar = true\n")
	r := postRaw(t, s, "/g/", map[string]any{"text": "Hello *world*", "author": "Jane & <Co>",
		"email": "foo@bar.com", "website": "example.org/'x'", "notification": 1}, from("192.168.1.4"))
	golden(t, "new", r.body)
	c1 := editCookie(t, r)
	tick(s)
	_, c2 := post(t, s, "/g/", map[string]any{"text": "A reply", "parent": 1})
	_ = c2
	tick(s)
	post(t, s, "/g/", map[string]any{"text": "Second top-level"})
	golden(t, "thread", get(t, s, "/?uri=/g/").body)
	golden(t, "thread-parent", get(t, s, "/?uri=/g/&parent=1&plain=1").body)

	r = do(t, s, req{method: http.MethodPost, path: "/id/1/like", headers: from("10.0.0.1")})
	golden(t, "vote", r.body)
	r = do(t, s, req{method: http.MethodPost, path: "/id/1/like", headers: from("10.0.0.2")})
	golden(t, "vote-denied", r.body)

	tick(s)
	r = do(t, s, req{method: http.MethodPut, path: "/id/1", body: `{"text": "Edited", "website": "x.org"}`,
		headers: jsonCT, cookies: []*http.Cookie{c1}})
	golden(t, "edited", r.body)
	r = do(t, s, req{method: http.MethodGet, path: "/id/1?plain=1", cookies: []*http.Cookie{editCookie(t, r)}})
	golden(t, "view", r.body)
	if _, err := s.Site.Comments.ModeratorDelete(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	golden(t, "thread-soft-deleted", get(t, s, "/?uri=/g/").body)

	golden(t, "count", do(t, s, req{method: http.MethodPost, path: "/count", body: `["/g/", "/none/"]`}).body)
	golden(t, "config", get(t, s, "/config").body)
	golden(t, "info", get(t, s, "/info").body)
	golden(t, "latest", get(t, s, "/latest?limit=10").body)
	golden(t, "preview", do(t, s, req{method: http.MethodPost, path: "/preview", body: `{"text": "**b**"}`}).body)
}

// TestGolden_SoftDeleteResponse pins the DELETE answer for a comment with replies.
func TestGolden_SoftDeleteResponse(t *testing.T) {
	s := newSite(t, "")
	c1, _ := twoComments(t, s)
	r := do(t, s, req{method: http.MethodDelete, path: "/id/1", cookies: []*http.Cookie{c1}})
	golden(t, "soft-deleted", r.body)
}
