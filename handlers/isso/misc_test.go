package isso_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/testsite"
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

func TestLatest(t *testing.T) {
	t.Run("disabled", func(t *testing.T) {
		s := newSite(t, "")
		// Returned, not raised, in Isso: HTML even when JSON is asked for.
		r := do(t, s, req{method: http.MethodGet, path: "/latest?limit=5", headers: map[string]string{"Accept": "application/json"}})
		wantError(t, r, 404, "Unavailable because 'latest-enabled' not set by site admin")
	})
	s := newSite(t, "[general]\nlatest-enabled = true\n[moderation]\nenabled = true\n")
	for _, q := range []string{"", "?limit=", "?limit=0", "?limit=-1", "?limit=x", "?limit=1.5"} {
		r := do(t, s, req{method: http.MethodGet, path: "/latest" + q, headers: map[string]string{"Accept": "application/json"}})
		wantError(t, r, 400, "Query parameter 'limit' is mandatory (integer, >0)")
	}
	jsonEqual(t, get(t, s, "/latest?limit=5").body, `[]`)
	for i, uri := range []string{"/a/", "/b/", "/a/", "/b/", "/a/"} {
		tick(s)
		body := map[string]any{"text": fmt.Sprintf("comment %d", i+1)}
		if i == 2 {
			body["parent"] = 1
		}
		m, _ := post(t, s, uri, body)
		if i != 3 { // 4 stays pending
			if _, err := s.Site.Comments.Activate(context.Background(), int64(idOf(t, m))); err != nil {
				t.Fatal(err)
			}
		}
	}
	r := get(t, s, "/latest?limit=3")
	var got []map[string]any
	for _, v := range decode(t, r.body).([]any) {
		got = append(got, v.(map[string]any))
	}
	var listed []string
	for _, m := range got {
		listed = append(listed, fmt.Sprintf("%v@%v", m["id"], m["uri"]))
		if len(m) != 11 {
			t.Errorf("keys of %v", m)
		}
	}
	if want := "[2@/b/ 3@/a/ 5@/a/]"; fmt.Sprint(listed) != want {
		t.Errorf("latest = %v, want %s", listed, want)
	}
	if got[1]["parent"] != 1.0 || strings.TrimSpace(got[0]["text"].(string)) != "<p>comment 2</p>" {
		t.Errorf("latest items %v", got)
	}
	if n := len(decode(t, get(t, s, "/latest?limit=100").body).([]any)); n != 4 {
		t.Errorf("limit=100 gives %d items", n)
	}
}

func TestFeed(t *testing.T) {
	t.Run("disabled", func(t *testing.T) {
		s := newSite(t, "")
		wantError(t, get(t, s, "/feed?uri=/a/"), 404, "")
	})
	s := newSite(t, "[rss]\nbase = https://blog.example/\nlimit = 2\n")
	wantError(t, get(t, s, "/feed"), 400, "")
	wantError(t, get(t, s, "/feed?uri=/a/&limit=x"), 400, "limit should be integer")
	wantError(t, get(t, s, "/feed?uri=/a/&limit="), 400, "limit should be integer")

	r := get(t, s, "/feed?uri=/a/")
	if r.status != 200 || r.header.Get("ETag") != `"empty"` || r.header.Get("Last-Modified") != "Thu, 01 Jan 1970 00:00:00 GMT" {
		t.Errorf("empty feed: %s %v", r, r.header)
	}
	goldenText(t, "feed-empty.xml", r.body)

	post(t, s, "/a/", map[string]any{"text": "first & *best*", "author": "Jane <J>"}) // 1
	s.Clock.Advance(1500 * time.Millisecond)
	post(t, s, "/a/", map[string]any{"text": "second"}) // 2
	tick(s)
	post(t, s, "/a/", map[string]any{"text": "reply", "parent": 1}) // 3
	tick(s)
	post(t, s, "/a/", map[string]any{"text": "reply 2", "parent": 2}) // 4

	r = get(t, s, "/feed?uri=/a/&limit=10")
	if r.status != 200 || r.header.Get("Content-Type") != "text/xml" {
		t.Fatalf("%s", r)
	}
	goldenText(t, "feed.xml", r.body)
	etag := r.header.Get("ETag")
	if etag != `"1-2"` || r.header.Get("Last-Modified") != "Sun, 01 Nov 2026 12:00:01 GMT" {
		t.Errorf("ETag %q, Last-Modified %q", etag, r.header.Get("Last-Modified"))
	}
	// [rss] limit 2 applies unless the query raises it; a lower one is ignored.
	for q, n := range map[string]int{"": 2, "&limit=1": 2, "&limit=3": 3, "&limit=-5": 2} {
		if got := strings.Count(string(get(t, s, "/feed?uri=/a/"+q).body), "<entry>"); got != n {
			t.Errorf("%q: %d entries, want %d", q, got, n)
		}
	}
	for _, h := range []map[string]string{
		{"If-None-Match": etag},
		{"If-Modified-Since": "Sun, 01 Nov 2026 12:00:01 GMT"},
		{"If-Modified-Since": "Mon, 02 Nov 2026 12:00:00 GMT"},
	} {
		r := do(t, s, req{method: http.MethodGet, path: "/feed?uri=/a/", headers: h})
		if r.status != 304 || len(r.body) != 0 {
			t.Errorf("%v: %s", h, r)
		}
	}
	for _, h := range []map[string]string{
		{"If-None-Match": `"1-1"`},
		{"If-Modified-Since": "Sun, 01 Nov 2026 12:00:00 GMT"},
	} {
		if r := do(t, s, req{method: http.MethodGet, path: "/feed?uri=/a/", headers: h}); r.status != 200 {
			t.Errorf("%v: %s", h, r)
		}
	}
	if r := do(t, s, req{method: http.MethodHead, path: "/feed?uri=/a/"}); r.status != 200 || len(r.body) != 0 {
		t.Errorf("HEAD: %s", r)
	}
}

func moderationPath(t *testing.T, s *testsite.Site, pathID, keyID int, action string) string {
	t.Helper()
	key, err := s.Site.Comments.ModerationKey(int64(keyID))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/id/%d/%s/%s", pathID, action, key)
}

func TestModeration(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\n")
	post(t, s, "/m/", map[string]any{"text": "top"})                // 1
	post(t, s, "/m/", map[string]any{"text": "reply", "parent": 1}) // 2
	post(t, s, "/m/", map[string]any{"text": "alone"})              // 3
	ctx := context.Background()
	if _, err := s.Site.Comments.Activate(ctx, 2); err != nil {
		t.Fatal(err)
	}

	t.Run("GET page", func(t *testing.T) {
		for action, label := range map[string]string{"activate": "Activate", "edit": "Edit", "delete": "Delete"} {
			r := get(t, s, moderationPath(t, s, 1, 1, action))
			if r.status != 200 || r.header.Get("Content-Type") != "text/html" {
				t.Fatalf("%s: %s %v", action, r, r.header)
			}
			for _, want := range []string{`confirm("` + label + `: Are you sure?")`, `"http://blog.example/m/#isso-1"`, "'POST'"} {
				if !strings.Contains(string(r.body), want) {
					t.Errorf("%s page lacks %s:\n%s", action, want, r.body)
				}
			}
		}
	})

	tests := []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"forged key", http.MethodPost, "/id/1/activate/" + "MQ.ZVPxAA.ujEYOGCb2xxwW8hAi1Ld2KdEANI", "", 403, ""},
		{"forged key page", http.MethodGet, "/id/1/activate/garbage", "", 403, ""},
		{"unknown action", http.MethodPost, moderationPath(t, s, 1, 1, "approve"), "", 404, ""},
		{"unknown action page", http.MethodGet, moderationPath(t, s, 1, 1, "approve"), "", 404, ""},
		{"unknown comment", http.MethodPost, moderationPath(t, s, 99, 99, "activate"), "", 404, ""},
		{"unknown comment page", http.MethodGet, moderationPath(t, s, 99, 99, "activate"), "", 404, ""},
		{"activate (path id ignored)", http.MethodPost, moderationPath(t, s, 3, 1, "activate"), "", 200, "Comment has been activated"},
		{"already activated", http.MethodPost, moderationPath(t, s, 1, 1, "activate"), "", 200, "Already activated"},
		{"edit validates", http.MethodPost, moderationPath(t, s, 1, 1, "edit"), `{"text": "no"}`, 400, "text is too short (minimum length: 3)"},
		{"edit needs JSON", http.MethodPost, moderationPath(t, s, 1, 1, "edit"), `{`, 400, "Unable to read JSON request"},
		{"edit", http.MethodPost, moderationPath(t, s, 1, 1, "edit"),
			`{"text": "*moderated*", "author": "<Mod>", "website": "mod.example", "email": "x@y.z"}`, 200, ""},
		{"delete with replies", http.MethodPost, moderationPath(t, s, 1, 1, "delete"), "", 200, "Comment has been deleted"},
		{"delete alone", http.MethodPost, moderationPath(t, s, 1, 3, "delete"), "", 200, "Comment has been deleted"},
		{"deleted", http.MethodPost, moderationPath(t, s, 1, 3, "activate"), "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, req{method: tt.method, path: tt.path, body: tt.body, headers: map[string]string{"Content-Type": "text/plain"}})
			if tt.status != 200 {
				wantError(t, r, tt.status, tt.want)
				return
			}
			if r.status != 200 {
				t.Fatalf("%s", r)
			}
			if tt.want != "" {
				if string(r.body) != tt.want || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
					t.Errorf("%s (%s)", r, r.header.Get("Content-Type"))
				}
				return
			}
			m := object(t, r.body)
			if m["text"] != "*moderated*" || m["author"] != "&lt;Mod&gt;" || m["website"] != "mod.example" || m["modified"] != nil {
				t.Errorf("edited %v", m)
			}
			if _, ok := m["hash"]; ok {
				t.Errorf("edit answer has hash")
			}
		})
	}
	// 1 is a placeholder, 2 published, 3 gone.
	if got, want := summary(t, get(t, s, "/?uri=/m/").body), "2 0 [1(1,0:2)]"; got != want {
		t.Errorf("listing %s, want %s", got, want)
	}
}

func TestUnsubscribe(t *testing.T) {
	s := newSite(t, "")
	post(t, s, "/u/", map[string]any{"text": "top", "email": "a+b@x.org", "notification": 1})                // 1
	post(t, s, "/u/", map[string]any{"text": "reply", "email": "a+b@x.org", "notification": 1, "parent": 1}) // 2
	post(t, s, "/u/", map[string]any{"text": "other", "email": "c@x.org", "notification": 1, "parent": 1})   // 3
	post(t, s, "/u/", map[string]any{"text": "elsewhere", "email": "a+b@x.org", "notification": 1})          // 4
	key, err := s.Site.Comments.UnsubscribeKey("a+b@x.org")
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _ := s.Site.Comments.UnsubscribeKey("c@x.org")
	modKey, _ := s.Site.Comments.ModerationKey(1)
	for _, tt := range []struct {
		name, path string
		status     int
	}{
		{"wrong email", "/id/1/unsubscribe/c%40x.org/" + key, 403},
		{"key of another email", "/id/1/unsubscribe/a%2Bb%40x.org/" + otherKey, 403},
		{"moderation key", "/id/1/unsubscribe/a%2Bb%40x.org/" + modKey, 403},
		{"forged", "/id/1/unsubscribe/a%2Bb%40x.org/garbage", 403},
		{"unknown comment", "/id/99/unsubscribe/a%2Bb%40x.org/" + key, 404},
		{"ok", "/id/1/unsubscribe/" + url.PathEscape("a+b@x.org") + "/" + key, 200},
		{"percent-encoded", "/id/1/unsubscribe/a%2Bb%40x.org/" + key, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, s, tt.path)
			if r.status != tt.status {
				t.Fatalf("%s", r)
			}
			if tt.status == 200 && (r.header.Get("Content-Type") != "text/html" || !strings.Contains(string(r.body), "Successfully unsubscribed")) {
				t.Errorf("%s %v", r, r.header)
			}
		})
	}
	var got []int
	s.Site.DB.Reader().Raw("SELECT notification FROM comments ORDER BY id").Scan(&got)
	if fmt.Sprint(got) != "[0 0 1 1]" {
		t.Errorf("notifications %v, want [0 0 1 1]", got)
	}
	m := object(t, get(t, s, "/?uri=/u/").body)
	if n := m["replies"].([]any)[0].(map[string]any)["notification"]; n != 0.0 {
		t.Errorf("listing still shows notification %v", n)
	}
}

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
