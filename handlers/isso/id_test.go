package isso_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/testsite"
)

// twoComments creates comment 1 and a reply 2, returning their cookies.
func twoComments(t *testing.T, s *testsite.Site) (c1, c2 *http.Cookie) {
	t.Helper()
	_, c1 = post(t, s, "/t/", map[string]any{"text": "*first*", "author": "Jane", "website": "jane.example"})
	tick(s)
	_, c2 = post(t, s, "/t/", map[string]any{"text": "second", "parent": 1})
	return c1, c2
}

func renamed(c *http.Cookie, name string) *http.Cookie {
	return &http.Cookie{Name: name, Value: c.Value}
}

func tampered(c *http.Cookie) *http.Cookie {
	v := []byte(c.Value)
	if v[len(v)-1] == 'A' {
		v[len(v)-1] = 'B'
	} else {
		v[len(v)-1] = 'A'
	}
	return &http.Cookie{Name: c.Name, Value: string(v)}
}

func TestCommentByID_Authorisation(t *testing.T) {
	type check struct {
		name    string
		path    string
		cookies func(c1, c2 *http.Cookie) []*http.Cookie
		wait    time.Duration
		status  int
	}
	none := func(c1, c2 *http.Cookie) []*http.Cookie { return nil }
	own := func(c1, c2 *http.Cookie) []*http.Cookie { return []*http.Cookie{c1} }
	checks := []check{
		{"no cookie", "/id/1", none, 0, 403},
		{"cookie of another comment under this id", "/id/1", func(c1, c2 *http.Cookie) []*http.Cookie {
			return []*http.Cookie{renamed(c2, "1")}
		}, 0, 403},
		{"cookie of another comment", "/id/1", func(c1, c2 *http.Cookie) []*http.Cookie { return []*http.Cookie{c2} }, 0, 403},
		{"tampered cookie", "/id/1", func(c1, c2 *http.Cookie) []*http.Cookie { return []*http.Cookie{tampered(c1)} }, 0, 403},
		{"garbage cookie", "/id/1", func(c1, c2 *http.Cookie) []*http.Cookie {
			return []*http.Cookie{{Name: "1", Value: "garbage"}}
		}, 0, 403},
		{"expired cookie", "/id/1", own, 15*time.Minute + time.Second, 403},
		{"unknown id", "/id/99", func(c1, c2 *http.Cookie) []*http.Cookie { return []*http.Cookie{renamed(c1, "99")} }, 0, 404},
		{"unknown id without cookie", "/id/99", none, 0, 404},
		{"non-digit id", "/id/abc", none, 0, 404},
		{"negative id", "/id/-1", none, 0, 404},
		{"signed id", "/id/+1", none, 0, 404},
		{"float id", "/id/1.0", none, 0, 404},
		{"at the end of the window", "/id/1", own, 15*time.Minute - time.Second, 200},
	}
	bodies := map[string]string{
		http.MethodGet:    "",
		http.MethodPut:    `{"text": "edited"}`,
		http.MethodDelete: "",
	}
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		for _, ck := range checks {
			t.Run(method+" "+ck.name, func(t *testing.T) {
				s := newSite(t, "")
				c1, c2 := twoComments(t, s)
				s.Clock.Advance(ck.wait)
				r := do(t, s, req{method: method, path: ck.path, body: bodies[method], headers: jsonCT, cookies: ck.cookies(c1, c2)})
				if r.status != ck.status {
					t.Errorf("%s", r)
				}
			})
		}
	}
}

func TestCommentByID_Get(t *testing.T) {
	s := newSite(t, "[general]\ngravatar = true\n[moderation]\nenabled = true\n")
	c1, _ := twoComments(t, s)
	r := do(t, s, req{method: http.MethodGet, path: "/id/1", cookies: []*http.Cookie{c1}})
	if r.status != 200 {
		t.Fatalf("%s", r)
	}
	m := object(t, r.body)
	if strings.TrimSpace(m["text"].(string)) != "<p><em>first</em></p>" || m["mode"] != 2.0 {
		t.Errorf("GET /id/1 = %v", m)
	}
	for _, k := range []string{"hash", "gravatar_image", "email", "remote_addr", "total_replies"} {
		if _, ok := m[k]; ok {
			t.Errorf("GET /id/1 has %s: %v", k, m)
		}
	}
	r = do(t, s, req{method: http.MethodGet, path: "/id/1?plain=1", cookies: []*http.Cookie{c1}})
	if object(t, r.body)["text"] != "*first*" {
		t.Errorf("plain: %s", r)
	}
	// HEAD is answered wherever GET is.
	r = do(t, s, req{method: http.MethodHead, path: "/id/1", cookies: []*http.Cookie{c1}})
	if r.status != 200 || len(r.body) != 0 {
		t.Errorf("HEAD: %s", r)
	}
}

func TestCommentByID_Edit(t *testing.T) {
	s := newSite(t, "")
	c1, _ := twoComments(t, s)
	put := func(body string, c *http.Cookie, headers map[string]string) resp {
		if headers == nil {
			headers = jsonCT
		}
		return do(t, s, req{method: http.MethodPut, path: "/id/1", body: body, headers: headers, cookies: []*http.Cookie{c}})
	}
	for _, tt := range []struct {
		name, body string
		headers    map[string]string
		status     int
		msg        string
	}{
		{"CSRF", `{"text": "edited"}`, map[string]string{"Content-Type": "text/plain"}, 403, "CSRF"},
		{"not JSON", `{`, nil, 400, "Unable to read JSON request"},
		{"text required", `{"author": "x"}`, nil, 400, "text is missing"},
		{"text too short", `{"text": "ab "}`, nil, 400, "text is too short (minimum length: 3)"},
		{"text too long", `{"text": "` + strings.Repeat("x", 65536) + `"}`, nil, 400, "text is too long (maximum length: 65535)"},
		{"author type", `{"text": "edited", "author": 1}`, nil, 400, "author must be a string or null"},
		{"website type", `{"text": "edited", "website": 1}`, nil, 400, "website must be a string or null"},
		{"website invalid", `{"text": "edited", "website": "spam"}`, nil, 400, "Website not Django-conform"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, put(tt.body, c1, tt.headers), tt.status, tt.msg)
		})
	}

	s.Clock.Advance(10 * time.Minute)
	r := put(`{"text": "**edited**", "author": "<Tom & 'Jerry'>", "website": "x.org/?a='1'&b=\"2\"", "email": "new@x.org", "mode": 4}`, c1, nil)
	if r.status != 200 {
		t.Fatalf("edit: %s", r)
	}
	m := object(t, r.body)
	now := float64(s.Clock.Now().UnixNano()) / 1e9
	if strings.TrimSpace(m["text"].(string)) != "<p><strong>edited</strong></p>" || m["author"] != "&lt;Tom &amp; 'Jerry'&gt;" ||
		m["website"] != "x.org/?a=&#x27;1&#x27;&amp;b=&quot;2&quot;" || m["modified"] != now || m["mode"] != 1.0 {
		t.Errorf("edited = %v", m)
	}
	if _, ok := m["hash"]; ok {
		t.Errorf("PUT answer has hash: %v", m)
	}
	var email string
	s.Site.DB.Reader().Raw("SELECT COALESCE(email, '') FROM comments WHERE id = 1").Scan(&email)
	if email != "" {
		t.Errorf("email changed by PUT: %q", email)
	}
	renewed := editCookie(t, r)
	if renewed == nil || renewed.Name != "1" || renewed.Value == c1.Value {
		t.Fatalf("cookie not renewed: %v", r.header.Values("Set-Cookie"))
	}
	if x := r.header.Get("X-Set-Cookie"); !strings.HasPrefix(x, "isso-1="+renewed.Value+"; Expires=") || !strings.Contains(x, "Max-Age=900") {
		t.Errorf("X-Set-Cookie = %q", x)
	}
	// The old cookie is bound to the old text.
	if r := put(`{"text": "again with the old cookie"}`, c1, nil); r.status != 403 {
		t.Errorf("old cookie after edit: %s", r)
	}
	// The renewed cookie restarts the window: 10 + 10 minutes after creation.
	s.Clock.Advance(10 * time.Minute)
	r = put(`{"text": "edited twice"}`, renewed, nil)
	if r.status != 200 {
		t.Fatalf("second edit: %s", r)
	}
	m = object(t, r.body)
	if m["author"] != "&lt;Tom &amp; 'Jerry'&gt;" {
		t.Errorf("author not kept when absent: %v", m)
	}
	// The listing shows the edit.
	list := object(t, get(t, s, "/?uri=/t/&plain=1").body)
	if got := list["replies"].([]any)[0].(map[string]any)["text"]; got != "edited twice" {
		t.Errorf("listing text %q", got)
	}
	// After the window.
	s.Clock.Advance(16 * time.Minute)
	if r := put(`{"text": "too late"}`, editCookie(t, r), nil); r.status != 403 {
		t.Errorf("edit after the window: %s", r)
	}
}

func TestCommentByID_Delete(t *testing.T) {
	expiring := func(id int, attrs string) string {
		return fmt.Sprintf("%d=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0%s", id, attrs)
	}
	del := func(s *testsite.Site, id int, c *http.Cookie, headers map[string]string) resp {
		if headers == nil {
			headers = jsonCT
		}
		return do(t, s, req{method: http.MethodDelete, path: fmt.Sprintf("/id/%d", id), headers: headers, cookies: []*http.Cookie{c}})
	}
	count := func(s *testsite.Site, table string) int {
		var n int
		if err := s.Site.DB.Reader().Raw("SELECT COUNT(*) FROM " + table).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("CSRF", func(t *testing.T) {
		s := newSite(t, "")
		c1, _ := twoComments(t, s)
		wantError(t, del(s, 1, c1, map[string]string{"Content-Type": "text/plain"}), 403, "CSRF")
	})

	t.Run("hard delete", func(t *testing.T) {
		s := newSite(t, "[server]\npublic-endpoint = https://c.example\n")
		_, c2 := twoComments(t, s)
		r := del(s, 2, c2, nil)
		if r.status != 200 || string(r.body) != "null" || r.header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s (%s)", r, r.header.Get("Content-Type"))
		}
		attrs := "; Secure; Path=/; SameSite=None"
		if got := r.header.Values("Set-Cookie"); len(got) != 1 || got[0] != expiring(2, attrs) {
			t.Errorf("Set-Cookie = %q, want %q", got, expiring(2, attrs))
		}
		if got := r.header.Get("X-Set-Cookie"); got != "isso-"+expiring(2, attrs) {
			t.Errorf("X-Set-Cookie = %q", got)
		}
		if got, want := summary(t, get(t, s, "/?uri=/t/").body), "1 0 [1(0,0:)]"; got != want {
			t.Errorf("listing %s, want %s", got, want)
		}
		if n := count(s, "comments"); n != 1 {
			t.Errorf("%d comments left", n)
		}
	})

	t.Run("soft delete, then last reply", func(t *testing.T) {
		s := newSite(t, "")
		c1, c2 := twoComments(t, s)
		r := del(s, 1, c1, nil)
		if r.status != 200 {
			t.Fatalf("%s", r)
		}
		m := object(t, r.body)
		if m["text"] != "" || m["mode"] != 4.0 || m["author"] != nil || m["website"] != nil || m["id"] != 1.0 || m["parent"] != nil {
			t.Errorf("placeholder = %v", m)
		}
		if _, ok := m["hash"]; ok {
			t.Errorf("placeholder answer has hash")
		}
		if got := r.header.Values("Set-Cookie"); len(got) != 1 || got[0] != expiring(1, "; Path=/; SameSite=Lax") {
			t.Errorf("Set-Cookie = %q", got)
		}
		if got, want := summary(t, get(t, s, "/?uri=/t/").body), "2 0 [1(1,0:2)]"; got != want {
			t.Errorf("listing %s, want %s", got, want)
		}
		// The placeholder's text changed, so its cookie no longer works.
		if r := del(s, 1, c1, nil); r.status != 403 {
			t.Errorf("second delete of the placeholder: %s", r)
		}
		var row struct {
			Email   *string
			Mode    int
			Text    string
			Created float64
		}
		s.Site.DB.Reader().Raw("SELECT email, mode, text, created FROM comments WHERE id = 1").Scan(&row)
		if row.Mode != 4 || row.Text != "" || row.Created == 0 {
			t.Errorf("stored placeholder %+v", row)
		}

		// Deleting the last reply removes the placeholder and the thread.
		r = del(s, 2, c2, nil)
		if r.status != 200 || string(r.body) != "null" {
			t.Fatalf("%s", r)
		}
		jsonEqual(t, mustJSON(t, withoutConfig(object(t, get(t, s, "/?uri=/t/").body))),
			`{"id": null, "total_replies": 0, "hidden_replies": 0, "replies": []}`)
		if n := count(s, "comments"); n != 0 {
			t.Errorf("%d comments left", n)
		}
		if n := count(s, "threads"); n != 0 {
			t.Errorf("%d threads left", n)
		}
	})

	t.Run("expired", func(t *testing.T) {
		s := newSite(t, "")
		c1, _ := twoComments(t, s)
		s.Clock.Advance(16 * time.Minute)
		if r := del(s, 1, c1, nil); r.status != 403 {
			t.Errorf("%s", r)
		}
	})
}
