package isso_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestRouting(t *testing.T) {
	s := newSite(t, "")
	post(t, s, "/a/", map[string]any{"text": "hello"})
	tests := []struct {
		method, path string
		status       int
		header       string // "Name: value" expected when set
	}{
		{http.MethodGet, "/admin", 308, "Location: http://natter.test/admin/"},
		{http.MethodGet, "/admin?x=1", 308, "Location: http://natter.test/admin/?x=1"},
		{http.MethodPost, "/login", 308, "Location: http://natter.test/login/"},
		{http.MethodGet, "/admin/", 200, "Content-Type: text/html; charset=utf-8"},
		{http.MethodGet, "/config/", 404, ""},
		{http.MethodGet, "/info/", 404, ""},
		{http.MethodPost, "/new/?uri=/a/", 404, ""},
		{http.MethodGet, "/nothing", 404, ""},
		{http.MethodDelete, "/config", 405, "Allow: GET, HEAD"},
		{http.MethodGet, "/new?uri=/a/", 405, "Allow: POST"},
		{http.MethodPost, "/", 405, "Allow: GET, HEAD"},
		{http.MethodPost, "/id/1", 405, ""},
		{http.MethodGet, "/id/1/like", 405, "Allow: POST"},
		{http.MethodHead, "/config", 200, "Content-Type: application/json"},
		{http.MethodHead, "/?uri=/a/", 200, "Content-Type: application/json"},
		{http.MethodHead, "/latest?limit=1", 404, ""},
		{http.MethodOptions, "/anything/at/all", 200, "Content-Type: text/plain"},
		{http.MethodOptions, "/new", 200, "Access-Control-Allow-Methods: HEAD, GET, POST, PUT, DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := do(t, s, req{method: tt.method, path: tt.path, headers: map[string]string{"Origin": "http://blog.example"}})
			if r.status != tt.status {
				t.Fatalf("%s", r)
			}
			if tt.header != "" {
				name, value, _ := strings.Cut(tt.header, ": ")
				if got := r.header.Get(name); got != value {
					t.Errorf("%s = %q, want %q", name, got, value)
				}
			}
			if tt.method == http.MethodHead || tt.method == http.MethodOptions {
				if len(r.body) != 0 {
					t.Errorf("%s has a body: %q", tt.method, r.body)
				}
			}
			wantCORS(t, r, "http://blog.example")
		})
	}
}

func wantCORS(t *testing.T, r resp, origin string) {
	t.Helper()
	for name, want := range map[string]string{
		"Access-Control-Allow-Origin":      origin,
		"Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods":     "HEAD, GET, POST, PUT, DELETE",
		"Access-Control-Allow-Headers":     "Origin, Referer, Content-Type",
		"Access-Control-Expose-Headers":    "X-Set-Cookie, Date",
	} {
		if got := r.header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if r.header.Get("Vary") != "" || r.header.Get("Date") == "" {
		t.Errorf("Vary %q, Date %q", r.header.Get("Vary"), r.header.Get("Date"))
	}
}

func TestErrorBodies(t *testing.T) {
	s := newSite(t, "[guard]\nrequire-email = true\n")
	csrf := func(accept string) resp {
		return do(t, s, req{method: http.MethodPost, path: "/new?uri=/a/", body: `{"text": "hello"}`,
			headers: map[string]string{"Content-Type": "text/plain", "Accept": accept, "Origin": "http://evil.example"}})
	}
	for _, tt := range []struct {
		accept string
		json   bool
	}{
		{"application/json", true},
		{"application/json, text/html;q=0.9", true},
		{"text/html;q=0.5, application/json", true},
		{"*/*", false},
		{"", false},
		{"text/html", false},
		{"application/json;q=0.5, text/html", false},
	} {
		r := csrf(tt.accept)
		wantCORS(t, r, "http://blog.example")
		if tt.json {
			if r.status != 403 || r.header.Get("Content-Type") != "application/json" {
				t.Errorf("%q: %s", tt.accept, r)
			}
			jsonEqual(t, r.body, `{"message": "403 Forbidden: CSRF"}`)
			continue
		}
		if r.header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("%q: Content-Type %q", tt.accept, r.header.Get("Content-Type"))
		}
		wantError(t, r, 403, "CSRF")
	}
	// The guard's refusal is raised in Isso, so JSON when asked for.
	r := postRaw(t, s, "/a/", map[string]any{"text": "hello"}, map[string]string{"Accept": "application/json"})
	if r.status != 403 {
		t.Fatalf("%s", r)
	}
	jsonEqual(t, r.body, `{"message": "403 Forbidden: email address required but not provided"}`)
	// Validation failures are returned in Isso: HTML regardless of Accept.
	r = postRaw(t, s, "/a/", map[string]any{"text": "x"}, map[string]string{"Accept": "application/json"})
	wantError(t, r, 400, "text is too short (minimum length: 3)")
	if r.header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("validation error Content-Type %q", r.header.Get("Content-Type"))
	}
}

func goldenText(t *testing.T, name string, body []byte) {
	t.Helper()
	goldenFile(t, name, body)
}

// TestJSONBytesLikeIsso: answers are byte for byte what Isso's Python
// prints (", " and ": ", \u escapes for non-ASCII, "&" unescaped, whole
// timestamps with ".0"), as observed from a real Isso 0.14; only the hash
// varies with the client address.
func TestJSONBytesLikeIsso(t *testing.T) {
	s := newSite(t, "")
	created := fmt.Sprintf("%d.0", s.Clock.Now().Unix())
	r := postRaw(t, s, "/bytes/", map[string]any{"text": "Ünïcode & 你好 😀", "author": "Zoë"}, nil)
	hash := regexp.MustCompile(`"hash": "[0-9a-f]{12}"`)
	got := hash.ReplaceAllString(string(r.body), `"hash": "H"`)
	one := `{"id": 1, "parent": null, "created": ` + created + `, "modified": null, "mode": 1, ` +
		`"text": "<p>\u00dcn\u00efcode &amp; \u4f60\u597d \ud83d\ude00</p>", "author": "Zo\u00eb", "website": null, ` +
		`"likes": 0, "dislikes": 0, "notification": null, "hash": "H"}`
	if got != one {
		t.Errorf("POST /new:\ngot  %s\nwant %s", got, one)
	}
	got = hash.ReplaceAllString(string(get(t, s, "/?uri=/bytes/").body), `"hash": "H"`)
	thread := `{"id": null, "total_replies": 1, "hidden_replies": 0, "replies": [` +
		strings.TrimSuffix(one, "}") + `, "total_replies": 0, "hidden_replies": 0, "replies": []}], ` +
		`"config": {"reply-to-self": true, "require-email": false, "require-author": false, "website-field": true, ` +
		`"reply-notifications": false, "gravatar": false, "feed": false}}`
	if got != thread {
		t.Errorf("GET /:\ngot  %s\nwant %s", got, thread)
	}
	if got := string(get(t, s, "/info").body); !strings.HasPrefix(got, `{"version": "0.14.0", "host": "`) {
		t.Errorf("/info = %s", got)
	}
}

// TestStyleSheet: Isso's client loads <API root>/css/isso.css; it is
// cached like werkzeug's static files and revalidates with its ETag.
func TestStyleSheet(t *testing.T) {
	s := newSite(t, "")
	r := get(t, s, "/css/isso.css")
	if r.status != 200 || r.header.Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(string(r.body), "#isso-thread") {
		t.Fatalf("GET /css/isso.css = %d %q %.80s", r.status, r.header.Get("Content-Type"), r.body)
	}
	wantExpires := s.Clock.Now().Add(12 * time.Hour).UTC().Format(http.TimeFormat)
	if r.header.Get("Cache-Control") != "max-age=43200, public" || r.header.Get("Expires") != wantExpires {
		t.Errorf("caching headers %q %q, want Expires %q", r.header.Get("Cache-Control"), r.header.Get("Expires"), wantExpires)
	}
	etag, lm := r.header.Get("ETag"), r.header.Get("Last-Modified")
	cases := []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"same ETag", map[string]string{"If-None-Match": etag}, 304},
		{"other ETag", map[string]string{"If-None-Match": `"other"`}, 200},
		{"same Last-Modified", map[string]string{"If-Modified-Since": lm}, 304},
		{"ETag wins over date", map[string]string{"If-None-Match": `"other"`, "If-Modified-Since": lm}, 200},
	}
	for _, tc := range cases {
		if got := do(t, s, req{method: http.MethodGet, path: "/css/isso.css", headers: tc.headers}); got.status != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got.status, tc.want)
		}
	}
}
