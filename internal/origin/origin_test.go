package origin

import "testing"

func TestMatch(t *testing.T) {
	m, err := New([]string{"http://blog.example.com/", "https://blog.example.com/", "example.org:8080/path", "http://localhost:*"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, origin, referer, want string
	}{
		{"exact http", "http://blog.example.com", "", "http://blog.example.com"},
		{"exact https", "https://blog.example.com", "", "https://blog.example.com"},
		{"explicit default port", "https://blog.example.com:443", "", "https://blog.example.com"},
		{"case-insensitive host", "https://BLOG.example.com", "", "https://blog.example.com"},
		{"schemeless host with port", "http://example.org:8080", "", "http://example.org:8080"},
		{"wrong port falls back", "http://example.org", "", "http://blog.example.com"},
		{"referer used without origin", "", "https://blog.example.com/post/1?x", "https://blog.example.com"},
		{"foreign origin falls back", "https://evil.example", "", "http://blog.example.com"},
		{"nothing falls back", "", "", "http://blog.example.com"},
		{"wildcard port", "http://localhost:5173", "", "http://localhost:5173"},
		{"wildcard keeps scheme", "https://localhost:5173", "", "http://blog.example.com"},
		{"garbage", "::::", "", "http://blog.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Match(tt.origin, tt.referer); got != tt.want {
				t.Errorf("Match(%q, %q) = %q, want %q", tt.origin, tt.referer, got, tt.want)
			}
		})
	}
}

func TestAllowedRejectsForeign(t *testing.T) {
	m, _ := New([]string{"https://a.example"})
	for _, o := range []string{"https://a.example.evil", "http://a.example", "https://b.example", "null", ""} {
		if got, ok := m.Allowed(o); ok {
			t.Errorf("Allowed(%q) = %q, true; want refused", o, got)
		}
	}
}

func TestFallbackWithoutHosts(t *testing.T) {
	m, _ := New(nil)
	if got := m.Fallback(); got != "http://invalid.local" {
		t.Errorf("Fallback() = %q", got)
	}
}

// The shortcut for exact origins answers what parsing answers.
func TestAllowed_ExactShortcutMatchesParsing(t *testing.T) {
	m, err := New([]string{"http://blog.example:*", "https://Blog.example", "http://[::1]:8080", "https://other.example:8443", "blog.example"})
	if err != nil {
		t.Fatal(err)
	}
	parsing := &Matcher{sites: m.sites}
	for _, v := range []string{"https://blog.example", "http://blog.example", "http://blog.example:81", "http://[::1]:8080",
		"https://other.example:8443", "https://other.example", "HTTPS://BLOG.EXAMPLE", "https://blog.example/", "ftp://blog.example", ""} {
		got, ok := m.Allowed(v)
		want, wantOK := parsing.Allowed(v)
		if got != want || ok != wantOK {
			t.Errorf("Allowed(%q) = %q, %v; parsing gives %q, %v", v, got, ok, want, wantOK)
		}
	}
	if len(m.exact) == 0 {
		t.Fatal("no exact origins: the shortcut is untested")
	}
}
