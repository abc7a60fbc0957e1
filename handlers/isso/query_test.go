package isso_test

import (
	"net/http"
	"testing"
)

// TestMissingQuery: Isso raises "missing uri query" (its requires
// decorator), so a client that asks for JSON gets JSON; others get the
// HTML page.
func TestMissingQuery(t *testing.T) {
	s := newSite(t, "[rss]\nbase = https://blog.example/\n")
	const want = `{"message": "400 Bad Request: missing uri query"}`
	for _, tt := range []struct {
		method, path, body string
	}{
		{http.MethodGet, "/", ""},
		{http.MethodGet, "/?foo=bar", ""},
		{http.MethodPost, "/new", `{"text": "hello"}`},
		{http.MethodGet, "/feed", ""},
		{http.MethodGet, "/feed?limit=3", ""},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := do(t, s, req{method: tt.method, path: tt.path, body: tt.body,
				headers: map[string]string{"Accept": "application/json"}})
			if r.status != http.StatusBadRequest || r.header.Get("Content-Type") != "application/json" {
				t.Fatalf("Accept JSON: %s (%s)", r, r.header.Get("Content-Type"))
			}
			jsonEqual(t, r.body, want)
			r = do(t, s, req{method: tt.method, path: tt.path, body: tt.body, headers: map[string]string{"Accept": "*/*"}})
			wantError(t, r, http.StatusBadRequest, "missing uri query")
			if r.header.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Errorf("Accept */*: Content-Type %q", r.header.Get("Content-Type"))
			}
		})
	}
}
