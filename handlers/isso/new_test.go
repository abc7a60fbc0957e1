package isso_test

import (
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
