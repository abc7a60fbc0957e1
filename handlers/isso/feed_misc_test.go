package isso_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

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
