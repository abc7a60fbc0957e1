package isso_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestForeignOrigin: writes whose Origin (else Referer) names a site that
// is not configured are refused with Isso's 403; requests without either
// header, from a configured site, or from Natter itself keep working, and
// read-only endpoints stay open.
func TestForeignOrigin(t *testing.T) {
	s := newSite(t, proxied+"[general]\nhost =\n  http://blog.example\n  http://localhost:*\n"+
		"[server]\npublic-endpoint = https://comments.example/isso\n")
	const refused = "CSRF: the request comes from a site that is not in [general] host"
	origins := []struct {
		name    string
		headers map[string]string
		allowed bool
	}{
		{"no origin, no referer (curl, Isso's client)", nil, true},
		{"configured origin", map[string]string{"Origin": "http://blog.example"}, true},
		{"configured wildcard port", map[string]string{"Origin": "http://localhost:4000"}, true},
		{"configured referer", map[string]string{"Referer": "http://blog.example/post/1"}, true},
		{"Natter's own origin", map[string]string{"Origin": "http://natter.test"}, true},
		{"public endpoint's origin", map[string]string{"Origin": "https://comments.example"}, true},
		{"foreign origin", map[string]string{"Origin": "https://evil.example"}, false},
		{"foreign origin, configured referer", map[string]string{"Origin": "https://evil.example", "Referer": "http://blog.example/"}, false},
		{"foreign referer", map[string]string{"Referer": "https://evil.example/x"}, false},
		{"opaque origin", map[string]string{"Origin": "null"}, false},
		{"configured host, other scheme", map[string]string{"Origin": "https://blog.example"}, false},
		{"configured host, other port", map[string]string{"Origin": "http://blog.example:8080"}, false},
	}
	writes := []struct {
		name string
		req  func(id int, c *http.Cookie) req
		ok   int
	}{
		{"POST /new", func(int, *http.Cookie) req {
			return req{method: http.MethodPost, path: "/new?uri=/f/", body: `{"text": "hello"}`}
		}, http.StatusCreated},
		{"PUT /id", func(id int, c *http.Cookie) req {
			return req{method: http.MethodPut, path: fmt.Sprintf("/id/%d", id), body: `{"text": "edited"}`, cookies: []*http.Cookie{c}}
		}, http.StatusOK},
		{"DELETE /id", func(id int, c *http.Cookie) req {
			return req{method: http.MethodDelete, path: fmt.Sprintf("/id/%d", id), cookies: []*http.Cookie{c}}
		}, http.StatusOK},
		{"like", func(id int, _ *http.Cookie) req {
			return req{method: http.MethodPost, path: fmt.Sprintf("/id/%d/like", id)}
		}, http.StatusOK},
		{"dislike", func(id int, _ *http.Cookie) req {
			return req{method: http.MethodPost, path: fmt.Sprintf("/id/%d/dislike", id)}
		}, http.StatusOK},
	}
	n := 0
	for _, w := range writes {
		for _, o := range origins {
			t.Run(w.name+"/"+o.name, func(t *testing.T) {
				n++
				m, c := post(t, s, "/f/", map[string]any{"text": "a comment"})
				r := w.req(idOf(t, m), c)
				r.headers = map[string]string{"X-Forwarded-For": fmt.Sprintf("10.1.%d.1", n)}
				for k, v := range o.headers {
					r.headers[k] = v
				}
				got := do(t, s, r)
				if !o.allowed {
					wantError(t, got, http.StatusForbidden, refused)
					return
				}
				if got.status != w.ok {
					t.Errorf("status = %s, want %d", got, w.ok)
				}
			})
		}
	}
	// In JSON when asked for, like every error Isso raises.
	r := do(t, s, req{method: http.MethodPost, path: "/new?uri=/f/", body: `{"text": "hello"}`,
		headers: map[string]string{"Origin": "https://evil.example", "Accept": "application/json"}})
	jsonEqual(t, r.body, `{"message": "403 Forbidden: `+refused+`"}`)
	// Read-only endpoints answer any origin (the browser's CORS check decides).
	for _, r := range []req{
		{method: http.MethodGet, path: "/?uri=/f/"},
		{method: http.MethodPost, path: "/count", body: `["/f/"]`},
		{method: http.MethodPost, path: "/preview", body: `{"text": "hi"}`},
		{method: http.MethodGet, path: "/config"},
	} {
		r.headers = map[string]string{"Origin": "https://evil.example"}
		if got := do(t, s, r); got.status != http.StatusOK || strings.Contains(string(got.body), "CSRF") {
			t.Errorf("%s %s from a foreign origin: %s", r.method, r.path, got)
		}
	}
}
