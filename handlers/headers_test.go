package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

const headersConfig = "[general]\nhost = http://blog.example\nlatest-enabled = true\n" +
	"[admin]\nenabled = true\npassword = correct-horse-battery\n[rss]\nbase = http://blog.example\n"

// TestLoginPanel_NoCORS: the admin login sends no CORS headers, whatever
// the method, even when it is refused (the panel is same-origin only).
func TestLoginPanel_NoCORS(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: headersConfig})
	for _, method := range []string{"GET", "POST", "OPTIONS", "PUT", "DELETE"} {
		t.Run(method, func(t *testing.T) {
			req := httptest.NewRequest(method, "/login/", strings.NewReader("password=x"))
			req.Header.Set("Origin", "http://blog.example")
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Access-Control-Request-Method", "POST")
			resp, err := s.App.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			for k := range resp.Header {
				if strings.HasPrefix(k, "Access-Control-") {
					t.Errorf("%s /login/ (%d) sends %s", method, resp.StatusCode, k)
				}
			}
		})
	}
}

// TestJSONAndFeed_NoSniff: JSON and feed answers, errors included, tell
// browsers not to guess another type.
func TestJSONAndFeed_NoSniff(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: headersConfig})
	tests := []struct{ method, path, body string }{
		{"GET", "/?uri=/none", ""},
		{"GET", "/config", ""},
		{"GET", "/latest?limit=5", ""},
		{"POST", "/count", `["/a"]`},
		{"GET", "/feed?uri=/a", ""},
		{"GET", "/id/999", ""},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json")
			resp, err := s.App.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%d %s: X-Content-Type-Options %q", resp.StatusCode, resp.Header.Get("Content-Type"), got)
			}
			if resp.StatusCode == http.StatusInternalServerError {
				t.Errorf("500")
			}
		})
	}
}
