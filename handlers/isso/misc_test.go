package isso_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestCount(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\n")
	ctx := context.Background()
	svc := s.Site.Comments
	activate := func(m map[string]any) {
		if _, err := svc.Activate(ctx, int64(idOf(t, m))); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := post(t, s, "/a/", map[string]any{"text": "published"}) // 1
	activate(a)
	post(t, s, "/a/", map[string]any{"text": "pending"}) // 2
	c, _ := post(t, s, "/a/", map[string]any{"text": "to be deleted"})
	activate(c)
	d, _ := post(t, s, "/a/", map[string]any{"text": "reply", "parent": idOf(t, c)})
	activate(d)
	if _, err := svc.ModeratorDelete(ctx, int64(idOf(t, c))); err != nil {
		t.Fatal(err)
	}
	b, _ := post(t, s, "/b?x=1", map[string]any{"text": "other thread"})
	activate(b)

	tests := []struct {
		name, body, contentType string
		want                    string
	}{
		{"list", `["/a/", "/unknown/", "/a/", "/b?x=1", "/b"]`, "application/json", `[2, 0, 2, 1, 0]`},
		{"empty", `[]`, "application/json", `[]`},
		{"no CSRF rule", `["/a/"]`, "text/plain", `[2]`},
		{"no content type", `["/a/"]`, "", `[2]`},
		{"non-string items", `[1, null, {"a": 1}]`, "", `[0, 0, 0]`},
		{"string body iterated by character", `"/a/"`, "", `[0, 0, 0]`},
		{"object body iterated by key", `{"/a/": 1, "/b?x=1": 2}`, "", `[2, 1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, req{method: http.MethodPost, path: "/count", body: tt.body,
				headers: map[string]string{"Content-Type": tt.contentType}})
			if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
				t.Fatalf("%s", r)
			}
			jsonEqual(t, r.body, tt.want)
		})
	}
	wantError(t, do(t, s, req{method: http.MethodPost, path: "/count", body: `[`}), 400, "Unable to read JSON request")
	wantError(t, do(t, s, req{method: http.MethodGet, path: "/count?uri=/a/"}), 405, "")
}

func TestConfig(t *testing.T) {
	tests := []struct {
		cfg, want string
	}{
		{"", `{"reply-to-self": true, "require-email": false, "require-author": false, "website-field": true,
			"reply-notifications": false, "gravatar": false, "feed": false}`},
		{"[general]\ngravatar = true\nreply-notifications = true\n[guard]\nreply-to-self = false\nrequire-email = true\nrequire-author = true\nwebsite-field = false\n",
			`{"reply-to-self": false, "require-email": true, "require-author": true, "website-field": false,
			"reply-notifications": true, "gravatar": true, "avatar": false, "feed": false}`},
		{"[rss]\nbase = https://blog.example\n", `{"reply-to-self": true, "require-email": false, "require-author": false,
			"website-field": true, "reply-notifications": false, "gravatar": false, "feed": true}`},
	}
	for _, tt := range tests {
		s := newSite(t, tt.cfg)
		r := get(t, s, "/config")
		if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s", r)
		}
		jsonEqual(t, r.body, `{"config": `+tt.want+`}`)
	}
}

func TestPreview(t *testing.T) {
	s := newSite(t, "")
	tests := []struct {
		body, contentType string
		status            int
		want              string
	}{
		{`{"text": "*hi*"}`, "application/json", 200, `{"text": "<p><em>hi</em></p>"}`},
		{`{"text": "*hi*"}`, "text/plain", 200, `{"text": "<p><em>hi</em></p>"}`}, // no CSRF rule
		{`{"text": ""}`, "", 200, `{"text": "<p></p>"}`},                          // as a placeholder's empty text renders
		{`{"text": "<script>alert(1)</script>"}`, "", 200, ""},
		{`{}`, "", 400, "no text given"},
		{`{"text": null}`, "", 400, "no text given"},
		{`{"text": `, "", 400, "Unable to read JSON request"},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			r := do(t, s, req{method: http.MethodPost, path: "/preview", body: tt.body,
				headers: map[string]string{"Content-Type": tt.contentType}})
			if tt.status != 200 {
				wantError(t, r, tt.status, tt.want)
				return
			}
			if r.status != 200 {
				t.Fatalf("%s", r)
			}
			if tt.want == "" {
				if strings.Contains(string(r.body), "<script") {
					t.Errorf("preview not sanitised: %s", r.body)
				}
				return
			}
			m := object(t, r.body)
			m["text"] = strings.TrimSpace(m["text"].(string))
			jsonEqual(t, mustJSON(t, m), tt.want)
		})
	}
}

func TestInfo(t *testing.T) {
	s := newSite(t, "[general]\nhost =\n  http://blog.example\n  https://www.blog.example:8443/\n[moderation]\nenabled = true\n")
	tests := []struct {
		method, path string
		headers      map[string]string
		host, origin string
	}{
		{http.MethodGet, "/info", nil, "http://natter.test", "http://blog.example"},
		{http.MethodPost, "/info", map[string]string{"Content-Type": "text/plain"}, "http://natter.test", "http://blog.example"},
		{http.MethodPut, "/info", nil, "http://natter.test", "http://blog.example"},
		{http.MethodDelete, "/info", nil, "http://natter.test", "http://blog.example"},
		{http.MethodPatch, "/info", nil, "http://natter.test", "http://blog.example"},
		{http.MethodGet, "/info", map[string]string{"Origin": "https://www.blog.example:8443"}, "http://natter.test", "https://www.blog.example:8443"},
		{http.MethodGet, "/info", map[string]string{"Referer": "https://www.blog.example:8443/post/1"}, "http://natter.test", "https://www.blog.example:8443"},
		{http.MethodGet, "/info", map[string]string{"Origin": "http://evil.example"}, "http://natter.test", "http://blog.example"},
		{http.MethodGet, "/info", map[string]string{"X-Script-Name": "/isso"}, "http://natter.test/isso", "http://blog.example"},
		{http.MethodGet, "/isso/info", map[string]string{"X-Script-Name": "/isso"}, "http://natter.test/isso", "http://blog.example"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.method, tt.path, tt.headers), func(t *testing.T) {
			r := do(t, s, req{method: tt.method, path: tt.path, headers: tt.headers})
			if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
				t.Fatalf("%s", r)
			}
			jsonEqual(t, r.body, fmt.Sprintf(`{"version": "0.14.0", "host": %q, "origin": %q, "moderation": true}`, tt.host, tt.origin))
			if got := r.header.Get("Access-Control-Allow-Origin"); got != tt.origin {
				t.Errorf("Access-Control-Allow-Origin = %q", got)
			}
		})
	}
}

// TestErrorDescriptions: errors without a message of their own carry
// werkzeug's default descriptions, as a real Isso 0.14 answered them.
func TestErrorDescriptions(t *testing.T) {
	s := newSite(t, "")
	notFound := "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."
	cases := []struct {
		name, method, path, accept string
		status                     int
		body                       string
	}{
		{"unknown id", "GET", "/id/99", "", 404, "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>" + notFound + "</p>\n"},
		{"unknown id, JSON", "GET", "/id/99", "application/json", 404, `{"message": "404 Not Found: ` + notFound + `"}`},
		{"unknown path", "GET", "/nothing/here", "", 404, "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>" + notFound + "</p>\n"},
		{"wrong method", "GET", "/count", "", 405, "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, s, req{method: tc.method, path: tc.path, headers: map[string]string{"Accept": tc.accept}})
			if r.status != tc.status || string(r.body) != tc.body {
				t.Errorf("got %d %q\nwant %d %q", r.status, r.body, tc.status, tc.body)
			}
		})
	}
}
