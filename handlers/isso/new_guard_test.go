package isso_test

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"testing"
	"time"
)

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
