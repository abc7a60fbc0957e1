package isso_test

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

const proxied = "[server]\ntrusted-proxies = 0.0.0.0\n"

func from(ip string) map[string]string { return map[string]string{"X-Forwarded-For": ip} }

func TestCreate_CSRF(t *testing.T) {
	s := newSite(t, "")
	tests := []struct {
		contentType string
		want        int
	}{
		{"", http.StatusCreated},
		{"application/json", http.StatusCreated},
		{"application/json; charset=utf-8", http.StatusCreated},
		{"text/plain", http.StatusForbidden},
		{"text/plain; charset=utf-8", http.StatusForbidden},
		{"application/x-www-form-urlencoded", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.contentType, func(t *testing.T) {
			r := do(t, s, req{method: http.MethodPost, path: "/new?uri=/csrf/", body: `{"text": "hello"}`,
				headers: map[string]string{"Content-Type": tt.contentType}})
			if tt.want == http.StatusForbidden {
				wantError(t, r, http.StatusForbidden, "CSRF")
				return
			}
			if r.status != tt.want {
				t.Errorf("status = %s", r)
			}
		})
	}
}

func TestCreate_Validation(t *testing.T) {
	s := newSite(t, "")
	long := func(n int, r string) string { return strings.Repeat(r, n) }
	tests := []struct {
		name, body string
		status     int
		msg        string
	}{
		{"not JSON", `{"text": `, 400, "Unable to read JSON request"},
		{"empty body", ``, 400, "Unable to read JSON request"},
		{"array", `["text"]`, 400, "Unable to read JSON request"},
		{"no text", `{}`, 400, "text is missing"},
		{"null body", `null`, 400, "text is missing"},
		{"null text", `{"text": null}`, 400, "text is missing"},
		{"number text", `{"text": 123}`, 400, "text must be a string or null"},
		{"short", `{"text": "ab"}`, 400, "text is too short (minimum length: 3)"},
		{"short after trailing space", `{"text": "ab "}`, 400, "text is too short (minimum length: 3)"},
		{"short after trailing newline", `{"text": "ab\n\t "}`, 400, "text is too short (minimum length: 3)"},
		{"leading space counts", `{"text": " ab"}`, 201, ""},
		{"three code points", `{"text": "äöü"}`, 201, ""},
		{"max length", `{"text": "` + long(65535, "ä") + `"}`, 201, ""},
		{"too long", `{"text": "` + long(65536, "a") + `"}`, 400, "text is too long (maximum length: 65535)"},
		{"author number", `{"text": "hello", "author": 5}`, 400, "author must be a string or null"},
		{"author null", `{"text": "hello", "author": null}`, 201, ""},
		{"email list", `{"text": "hello", "email": []}`, 400, "email must be a string or null"},
		{"website object", `{"text": "hello", "website": {}}`, 400, "website must be a string or null"},
		{"email 254", `{"text": "hello", "email": "` + long(254, "é") + `"}`, 201, ""},
		{"email 255", `{"text": "hello", "email": "` + long(255, "e") + `"}`, 400, "http://tools.ietf.org/html/rfc5321#section-4.5.3"},
		{"website too long", `{"text": "hello", "website": "http://e.org/` + long(250, "x") + `"}`, 400, "arbitrary length limit"},
		{"parent string", `{"text": "hello", "parent": "1"}`, 400, "parent must be an integer or null"},
		{"parent zero string", `{"text": "hello", "parent": "0"}`, 400, "parent must be an integer or null"},
		{"parent float", `{"text": "hello", "parent": 1.5}`, 400, "parent must be an integer or null"},
		{"parent list", `{"text": "hello", "parent": [1]}`, 400, "parent must be an integer or null"},
		{"parent zero", `{"text": "hello", "parent": 0}`, 201, ""},
		{"parent false", `{"text": "hello", "parent": false}`, 201, ""},
		{"unknown keys dropped", `{"text": "hello", "mode": 4, "likes": 99, "id": 500}`, 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, req{method: http.MethodPost, path: "/new?uri=/v/", body: tt.body, headers: jsonCT})
			if tt.status != 201 {
				wantError(t, r, tt.status, tt.msg)
				return
			}
			if r.status != 201 {
				t.Fatalf("status %s", r)
			}
			m := object(t, r.body)
			if m["parent"] != nil || m["mode"] != 1.0 || m["likes"] != 0.0 {
				t.Errorf("created %v", m)
			}
		})
	}
	t.Run("missing uri", func(t *testing.T) {
		r := do(t, s, req{method: http.MethodPost, path: "/new", body: `{"text": "hello"}`, headers: jsonCT})
		wantError(t, r, 400, "missing uri query")
	})
}

func TestCreate_Website(t *testing.T) {
	s := newSite(t, "")
	tests := []struct {
		website string
		want    string // stored value; "" with ok=false means refused
		ok      bool
	}{
		{"example.tld", "http://example.tld", true},
		{"https://exämple.tld", "https://exämple.tld", true},
		{"https://example.tld:1337/foobar?p=1#isso-thread", "https://example.tld:1337/foobar?p=1#isso-thread", true},
		{"http://localhost:8080/", "http://localhost:8080/", true},
		{"10.0.0.1/x", "http://10.0.0.1/x", true},
		{"example.org/?a=1&b='x'", "http://example.org/?a=1&amp;b=&#x27;x&#x27;", true},
		{`example.org/"<x>`, "http://example.org/&quot;&lt;x&gt;", true},
		{"HTTPS://Example.org", "http://HTTPS://Example.org", true}, // Isso's scheme test is case-sensitive
		{"", "", true},
		{"ftp://x.tld/", "", false},
		{"tel:+123", "", false},
		{"spam", "", false},
		{"name@example.com", "", false},
		{"http://exa mple.org", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.website, func(t *testing.T) {
			r := postRaw(t, s, "/w/", map[string]any{"text": "hello", "website": tt.website}, nil)
			if !tt.ok {
				wantError(t, r, 400, "Website not Django-conform")
				return
			}
			if r.status != 201 {
				t.Fatalf("status %s", r)
			}
			if got := object(t, r.body)["website"]; got != tt.want {
				t.Errorf("website = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCreate_Escaping(t *testing.T) {
	s := newSite(t, "")
	m, _ := post(t, s, "/e/", map[string]any{
		"text": "<b>raw</b> & text", "author": `<b>Tom & "Jerry" 'x'</b>`,
		"email": "a&b<c>@x.org", "website": `x.org/?q="a"&r='b'`, "notification": 1, "title": "T",
	})
	if m["author"] != `&lt;b&gt;Tom &amp; "Jerry" 'x'&lt;/b&gt;` {
		t.Errorf("author = %q", m["author"])
	}
	if m["website"] != "http://x.org/?q=&quot;a&quot;&amp;r=&#x27;b&#x27;" {
		t.Errorf("website = %q", m["website"])
	}
	if _, ok := m["email"]; ok {
		t.Errorf("email exposed: %v", m)
	}
	if m["notification"] != 1.0 {
		t.Errorf("notification = %v", m["notification"])
	}
	var row struct {
		Text, Author, Email, Website string
	}
	if err := s.Site.DB.Reader().Raw("SELECT text, author, email, website FROM comments WHERE id = ?", idOf(t, m)).Scan(&row).Error; err != nil {
		t.Fatal(err)
	}
	if row.Text != "<b>raw</b> & text" || row.Email != "a&amp;b&lt;c&gt;@x.org" || row.Author != m["author"] || row.Website != m["website"] {
		t.Errorf("stored %+v", row)
	}
	var title string
	if err := s.Site.DB.Reader().Raw("SELECT title FROM threads WHERE uri = '/e/'").Scan(&title).Error; err != nil || title != "T" {
		t.Errorf("thread title %q (%v)", title, err)
	}
	// Defaults: absent fields are null.
	m, _ = post(t, s, "/e/", map[string]any{"text": "plain"})
	for _, k := range []string{"author", "website", "notification", "parent", "modified"} {
		if v, ok := m[k]; !ok || v != nil {
			t.Errorf("%s = %v, want null", k, v)
		}
	}
	if _, ok := m["gravatar_image"]; ok {
		t.Errorf("gravatar_image without gravatar: %v", m)
	}
}

func TestCreate_ModerationStatus(t *testing.T) {
	for _, tt := range []struct {
		cfg    string
		status int
		mode   float64
	}{
		{"", 201, 1},
		{"[moderation]\nenabled = false\n", 201, 1},
		{"[moderation]\nenabled = true\n", 202, 2},
	} {
		s := newSite(t, tt.cfg)
		r := postRaw(t, s, "/m/", map[string]any{"text": "hello"}, nil)
		if r.status != tt.status || object(t, r.body)["mode"] != tt.mode {
			t.Errorf("%q: %s", tt.cfg, r)
		}
		if editCookie(t, r) == nil {
			t.Errorf("%q: no cookie", tt.cfg)
		}
	}
}

var tokenRE = `[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`

func TestCreate_Cookies(t *testing.T) {
	tests := []struct {
		name, cfg string
		headers   map[string]string
		attrs     string
	}{
		{"http default", "", nil, "; Path=/; SameSite=Lax"},
		{"https public endpoint", "[server]\npublic-endpoint = https://comments.example\n", nil, "; Secure; Path=/; SameSite=None"},
		{"http public endpoint over https proxy", "[server]\npublic-endpoint = http://comments.example\ntrusted-proxies = 0.0.0.0\n",
			map[string]string{"X-Forwarded-Proto": "https"}, "; Path=/; SameSite=Lax"},
		{"https via trusted proxy", proxied, map[string]string{"X-Forwarded-Proto": "https"}, "; Secure; Path=/; SameSite=None"},
		{"X-Forwarded-Proto from untrusted peer", "", map[string]string{"X-Forwarded-Proto": "https"}, "; Path=/; SameSite=Lax"},
		{"samesite override on http", "[server]\nsamesite = Strict\n", nil, "; Path=/; SameSite=Strict"},
		{"samesite override on https", "[server]\npublic-endpoint = https://comments.example\nsamesite = Lax\n", nil, "; Secure; Path=/; SameSite=Lax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, tt.cfg)
			r := postRaw(t, s, "/c/", map[string]any{"text": "hello"}, tt.headers)
			if r.status != 201 {
				t.Fatalf("status %s", r)
			}
			expires := s.Clock.Now().Add(15 * time.Minute).UTC().Format(http.TimeFormat)
			lifetime := "; Expires=" + regexp.QuoteMeta(expires) + "; Max-Age=900" + regexp.QuoteMeta(tt.attrs)
			setCookie := r.header.Values("Set-Cookie")
			if len(setCookie) != 1 || !regexp.MustCompile(`^1=(`+tokenRE+`)`+lifetime+`$`).MatchString(setCookie[0]) {
				t.Errorf("Set-Cookie = %q, want 1=<token>%s", setCookie, lifetime)
			}
			xs := r.header.Values("X-Set-Cookie")
			if len(xs) != 1 || len(setCookie) != 1 || xs[0] != "isso-"+setCookie[0] {
				t.Errorf("X-Set-Cookie = %q, want isso- + %q", xs, setCookie)
			}
		})
	}
}

func TestCreate_Guard(t *testing.T) {
	type step struct {
		body   map[string]any
		uri    string
		ip     string
		wait   time.Duration // advance the clock before the request
		status int
		msg    string
	}
	text := func(extra ...any) map[string]any {
		m := map[string]any{"text": "hello"}
		for i := 0; i < len(extra); i += 2 {
			m[extra[i].(string)] = extra[i+1]
		}
		return m
	}
	tests := []struct {
		name, cfg string
		steps     []step
	}{
		{"ratelimit", "[guard]\nratelimit = 2\n", []step{
			{text(), "/a/", "192.168.1.5", 0, 201, ""},
			{text(), "/b/", "192.168.1.6", 0, 201, ""},
			{text(), "/c/", "192.168.1.7", 0, 403, "192.168.1.0: ratelimit exceeded (1, 2)"},
			{text(), "/c/", "192.168.2.7", 0, 201, ""},
			{text(), "/c/", "192.168.1.7", 61 * time.Second, 201, ""},
		}},
		{"direct-reply", "[guard]\ndirect-reply = 2\n", []step{
			{text(), "/a/", "10.0.0.1", 0, 201, ""},
			{text(), "/a/", "10.0.0.2", 0, 201, ""},
			{text(), "/a/", "10.0.0.3", 0, 403, "2 direct responses to /a/"},
			{text("parent", 1), "/a/", "10.0.0.3", 0, 201, ""},
			{text(), "/b/", "10.0.0.3", 0, 201, ""},
			{text(), "/a/", "10.0.1.3", 0, 201, ""},
			{text(), "/a/", "10.0.0.3", 24 * time.Hour, 403, "2 direct responses to /a/"}, // never expires
		}},
		{"reply-to-self", "[guard]\nreply-to-self = false\n", []step{
			{text(), "/a/", "10.0.0.1", 0, 201, ""},
			{text("parent", 1), "/a/", "10.0.0.9", 0, 403, "edit time frame is still open"},
			{text("parent", 1), "/a/", "10.0.1.9", 0, 201, ""},
			// 3 replies to 2 (flattened to 1); the check uses the submitted parent.
			{text("parent", 2), "/a/", "10.0.1.9", 0, 403, "edit time frame is still open"},
			{text("parent", 2), "/a/", "10.0.0.9", 0, 201, ""},
			{text("parent", 1), "/a/", "10.0.0.9", 15*time.Minute + time.Second, 201, ""},
			{text("parent", 77), "/a/", "10.0.0.9", 0, 201, ""},
		}},
		{"reply-to-self allowed", "[guard]\nreply-to-self = true\n", []step{
			{text(), "/a/", "10.0.0.1", 0, 201, ""},
			{text("parent", 1), "/a/", "10.0.0.9", 0, 201, ""},
		}},
		{"require-email", "[guard]\nrequire-email = true\n", []step{
			{text(), "/a/", "10.0.0.1", 0, 403, "email address required but not provided"},
			{text("email", ""), "/a/", "10.0.0.1", 0, 403, "email address required but not provided"},
			{text("email", nil), "/a/", "10.0.0.1", 0, 403, "email address required but not provided"},
			{text("email", "a@b.c"), "/a/", "10.0.0.1", 0, 201, ""},
		}},
		{"require-author", "[guard]\nrequire-author = true\n", []step{
			{text(), "/a/", "10.0.0.1", 0, 403, "author address required but not provided"},
			{text("author", ""), "/a/", "10.0.0.1", 0, 403, "author address required but not provided"},
			{text("author", "Jane"), "/a/", "10.0.0.1", 0, 201, ""},
		}},
		{"order: ratelimit first", "[guard]\nratelimit = 1\ndirect-reply = 1\nrequire-email = true\nrequire-author = true\n", []step{
			{text("email", "a@b.c", "author", "A"), "/a/", "10.0.0.1", 0, 201, ""},
			{text(), "/a/", "10.0.0.1", 0, 403, "10.0.0.0: ratelimit exceeded (1)"},
			{text(), "/a/", "10.0.0.1", time.Minute, 403, "1 direct responses to /a/"},
			{text(), "/b/", "10.0.0.1", 0, 403, "email address required but not provided"},
			{text("email", "a@b.c"), "/b/", "10.0.0.1", 0, 403, "author address required but not provided"},
		}},
		{"guard disabled", "[guard]\nenabled = false\nratelimit = 0\ndirect-reply = 0\nreply-to-self = false\nrequire-email = true\nrequire-author = true\n", []step{
			{text(), "/a/", "10.0.0.1", 0, 201, ""},
			{text("parent", 1), "/a/", "10.0.0.1", 0, 201, ""},
			{text(), "/a/", "10.0.0.1", 0, 201, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, proxied+tt.cfg)
			for i, st := range tt.steps {
				s.Clock.Advance(st.wait + time.Millisecond)
				r := postRaw(t, s, st.uri, st.body, from(st.ip))
				if st.status != 201 {
					if r.status != st.status {
						t.Fatalf("step %d: %s, want %d %s", i, r, st.status, st.msg)
					}
					wantError(t, r, st.status, st.msg)
					continue
				}
				if r.status != 201 {
					t.Fatalf("step %d: %s", i, r)
				}
			}
		})
	}
}

func TestCreate_ParentResolution(t *testing.T) {
	s := newSite(t, "")
	post(t, s, "/a/", map[string]any{"text": "top"})                      // 1
	post(t, s, "/a/", map[string]any{"text": "reply", "parent": 1})       // 2
	post(t, s, "/b/", map[string]any{"text": "other thread"})             // 3
	post(t, s, "/b/", map[string]any{"text": "other reply", "parent": 3}) // 4
	tests := []struct {
		name   string
		parent any
		want   any
	}{
		{"to top-level", 1, 1.0},
		{"to a reply", 2, 1.0},
		{"true is 1", true, 1.0},
		{"foreign thread", 3, nil},
		{"foreign reply", 4, nil},
		{"unknown", 999, nil},
		{"negative", -1, nil},
		{"null", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := post(t, s, "/a/", map[string]any{"text": "hello", "parent": tt.parent})
			if m["parent"] != tt.want {
				t.Errorf("parent = %v, want %v", m["parent"], tt.want)
			}
		})
	}
	// The listing agrees.
	if got, want := summary(t, get(t, s, "/?uri=/a/").body), "10 0 [1(4,0:2,5,6,7) 8(0,0:) 9(0,0:) 10(0,0:) 11(0,0:) 12(0,0:)]"; got != want {
		t.Errorf("listing %s, want %s", got, want)
	}
}

func TestCreate_Hash(t *testing.T) {
	s := newSite(t, proxied)
	tests := []struct {
		email any
		ip    string
		want  string
	}{
		{"foo@bar.com", "10.1.1.1", "3b35f5a00071"},
		{"Foo@Example.org", "10.1.1.1", "223139dac831"},
		{nil, "192.168.1.77", "9f0076fd038d"},
		{"", "192.168.1.77", "9f0076fd038d"},
		{nil, "203.0.113.9", "a7b7f96edc97"},
		{nil, "::ffff:127.0.0.1", "4505c1eeda98"},
	}
	for _, tt := range tests {
		r := postRaw(t, s, "/h/", map[string]any{"text": "hello", "email": tt.email}, from(tt.ip))
		if got := object(t, r.body)["hash"]; got != tt.want {
			t.Errorf("email %v from %s: hash %v, want %s", tt.email, tt.ip, got, tt.want)
		}
	}
	// The listing shows the same hashes.
	m := object(t, get(t, s, "/?uri=/h/").body)
	for i, it := range m["replies"].([]any) {
		if got := it.(map[string]any)["hash"]; got != tests[i].want {
			t.Errorf("listed hash %d = %v, want %s", i, got, tests[i].want)
		}
	}
}

func TestCreate_Gravatar(t *testing.T) {
	s := newSite(t, "[general]\ngravatar = true\n")
	md5hex := func(s string) string { h := md5.Sum([]byte(s)); return hex.EncodeToString(h[:]) }
	tests := []struct {
		body map[string]any
		in   string
	}{
		{map[string]any{"text": "hello"}, ""},
		{map[string]any{"text": "hello", "author": "Jane & Co"}, "Jane &amp; Co"},
		{map[string]any{"text": "hello", "author": "Jane", "email": "Foo@Bar.com"}, "Foo@Bar.com"},
	}
	for _, tt := range tests {
		m, _ := post(t, s, "/g/", tt.body)
		want := fmt.Sprintf("https://www.gravatar.com/avatar/%s?d=identicon&s=55", md5hex(tt.in))
		if m["gravatar_image"] != want {
			t.Errorf("%v: gravatar_image %v, want %s", tt.body, m["gravatar_image"], want)
		}
	}
	if m := object(t, get(t, s, "/?uri=/g/").body); m["replies"].([]any)[0].(map[string]any)["gravatar_image"] !=
		"https://www.gravatar.com/avatar/d41d8cd98f00b204e9800998ecf8427e?d=identicon&s=55" {
		t.Errorf("listing lacks gravatar_image: %v", m)
	}
}

func TestCreate_ApproveIfEmailPreviouslyApproved(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\napprove-if-email-previously-approved = true\n")
	first, _ := post(t, s, "/a/", map[string]any{"text": "first", "email": "known@x.org"})
	if first["mode"] != 2.0 {
		t.Fatalf("first comment mode %v", first["mode"])
	}
	r := postRaw(t, s, "/a/", map[string]any{"text": "second", "email": "known@x.org"}, nil)
	if r.status != 202 {
		t.Errorf("before approval: %s", r)
	}
	if _, err := s.Site.Comments.Activate(t.Context(), int64(idOf(t, first))); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		email  any
		wait   time.Duration
		status int
	}{
		{"known@x.org", time.Hour, 201},
		{"Known@x.org", 0, 202},
		{"other@x.org", 0, 202},
		{nil, 0, 202},
		{"known@x.org", 24 * 190 * time.Hour, 202}, // the approved comments are older than 6 months
	} {
		s.Clock.Advance(tt.wait)
		r := postRaw(t, s, "/a/", map[string]any{"text": "again", "email": tt.email}, nil)
		if r.status != tt.status {
			t.Errorf("email %v after %v: %s, want %d", tt.email, tt.wait, r, tt.status)
		}
	}
	// Without moderation the option changes nothing.
	s = newSite(t, "[moderation]\napprove-if-email-previously-approved = true\n")
	if r := postRaw(t, s, "/a/", map[string]any{"text": "xyz", "email": "a@b.c"}, nil); r.status != 201 {
		t.Errorf("without moderation: %s", r)
	}
}
