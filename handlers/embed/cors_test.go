package embed_test

import (
	"strings"
	"testing"
)

func TestEmbedCORSMatrix(t *testing.T) {
	s := newEmbedSite(t, "")
	cases := []struct {
		name, method, path, origin string
		headers                    []string
		wantStatus                 int
		wantACAO                   string
	}{
		{"preflight allowed", "OPTIONS", "/embed/comments", blog, []string{"Access-Control-Request-Method", "POST"}, 204, blog},
		{"preflight foreign", "OPTIONS", "/embed/comments", "http://evil.example", []string{"Access-Control-Request-Method", "POST"}, 204, ""},
		{"get allowed", "GET", "/embed/thread?uri=/x", blog, []string{"HX-Request", "true"}, 200, blog},
		{"get foreign (refused in words)", "GET", "/embed/thread?uri=/x", "http://evil.example", []string{"HX-Request", "true"}, 403, "http://evil.example"},
		{"get foreign elsewhere", "GET", "/embed/comments/1?uri=/x", "http://evil.example", []string{"HX-Request", "true"}, 404, ""},
		{"post without custom header", "POST", "/embed/preview", blog, nil, 403, blog},
		{"post foreign origin", "POST", "/embed/comments?uri=/x", "http://evil.example", []string{"HX-Request", "true"}, 403, ""},
		{"post without origin", "POST", "/embed/comments?uri=/x", "", []string{"HX-Request", "true"}, 403, ""},
		{"post allowed", "POST", "/embed/comments?uri=/x", blog, []string{"HX-Request", "true"}, 201, blog},
		{"delete without custom header", "DELETE", "/embed/comments/1?uri=/x", blog, nil, 403, blog},
		{"vote foreign", "POST", "/embed/comments/1/vote?dir=up&uri=/x", "http://blog.example:8080", []string{"HX-Request", "true"}, 403, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := append([]string{}, c.headers...)
			if c.origin != "" {
				h = append(h, "Origin", c.origin)
			}
			body := ""
			if c.method == "POST" {
				body = eform("text", "A comment long enough")
			}
			r := edo(t, s, c.method, c.path, body, h...)
			if r.StatusCode != c.wantStatus {
				t.Errorf("status = %d, want %d: %.200s", r.StatusCode, c.wantStatus, r.body)
			}
			if got := r.Header.Get("Access-Control-Allow-Origin"); got != c.wantACAO {
				t.Errorf("ACAO = %q, want %q", got, c.wantACAO)
			}
			if c.wantACAO != "" && r.Header.Get("Access-Control-Allow-Credentials") != "true" {
				t.Error("credentials not allowed")
			}
			if c.method == "OPTIONS" && c.wantACAO != "" {
				for _, want := range []string{"HX-Request", "HX-Current-URL", "HX-Target", "X-Natter-Token", "Content-Type"} {
					if !strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), want) {
						t.Errorf("Allow-Headers lacks %s", want)
					}
				}
				if r.Header.Get("Access-Control-Max-Age") == "" {
					t.Error("no Max-Age")
				}
			}
			if c.wantACAO == blog {
				for _, want := range []string{"HX-Trigger", "HX-Retarget", "HX-Reswap", "X-Natter-Token"} {
					if !strings.Contains(r.Header.Get("Access-Control-Expose-Headers"), want) {
						t.Errorf("Expose-Headers lacks %s", want)
					}
				}
			}
			if !strings.Contains(r.Header.Get("Vary"), "Origin") {
				t.Errorf("Vary = %q", r.Header.Get("Vary"))
			}
		})
	}
}
