package handlers_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/handlers/embed"
	"github.com/natter/natter/internal/testsite"
	"github.com/natter/natter/static"
)

func do(t *testing.T, s *testsite.Site, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestHealth(t *testing.T) {
	s := testsite.New(t, testsite.Options{})
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, _ := do(t, s, httptest.NewRequest("GET", path, nil))
		if resp.StatusCode != 200 {
			t.Errorf("%s = %d", path, resp.StatusCode)
		}
		if resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s carries CORS headers", path)
		}
	}
	if err := s.Site.Close(); err != nil {
		t.Fatal(err)
	}
	if resp, _ := do(t, s, httptest.NewRequest("GET", "/readyz", nil)); resp.StatusCode != 503 {
		t.Errorf("readyz with a closed database = %d, want 503", resp.StatusCode)
	}
	if resp, _ := do(t, s, httptest.NewRequest("GET", "/healthz", nil)); resp.StatusCode != 200 {
		t.Errorf("healthz with a closed database = %d, want 200", resp.StatusCode)
	}
}

// info returns the self URL Natter reports for a request.
func info(t *testing.T, s *testsite.Site, path string, headers map[string]string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Host = "comments.example"
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, body := do(t, s, req)
	var out struct{ Host string }
	if resp.StatusCode == 200 {
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
	}
	return resp.StatusCode, out.Host
}

func TestSubPathAndProxies(t *testing.T) {
	direct := testsite.New(t, testsite.Options{})
	// app.Test's peer address is 0.0.0.0: trusting it stands for a proxy.
	proxied := testsite.New(t, testsite.Options{Config: "[general]\nhost = http://blog.example\n[server]\ntrusted-proxies = 0.0.0.0\n"})
	tests := []struct {
		name     string
		site     *testsite.Site
		path     string
		headers  map[string]string
		wantCode int
		wantHost string
	}{
		{"plain", direct, "/info", nil, 200, "http://comments.example"},
		{"script name, prefix kept by proxy", direct, "/isso/info", map[string]string{"X-Script-Name": "/isso"}, 200, "http://comments.example/isso"},
		{"script name, prefix stripped by proxy", direct, "/info", map[string]string{"X-Script-Name": "/isso/"}, 200, "http://comments.example/isso"},
		{"prefix without header is not routed", direct, "/isso/info", nil, 404, ""},
		{"forwarded proto from an untrusted peer is ignored", direct, "/info", map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}, 200, "http://comments.example"},
		{"forwarded headers from a trusted proxy", proxied, "/info", map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "blog.example"}, 200, "https://blog.example"},
		{"forwarded prefix from a trusted proxy", proxied, "/info", map[string]string{"X-Forwarded-Prefix": "/c"}, 200, "http://comments.example/c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, host := info(t, tt.site, tt.path, tt.headers)
			if code != tt.wantCode || host != tt.wantHost {
				t.Errorf("got %d %q, want %d %q", code, host, tt.wantCode, tt.wantHost)
			}
		})
	}
}

// TestBodyLimit needs a real listener: fasthttp enforces the limit while
// reading, before any handler runs.
func TestBodyLimit(t *testing.T) {
	s := testsite.New(t, testsite.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.App.Listener(ln) }()
	t.Cleanup(func() { _ = s.App.Shutdown() })

	// Only the headers go out: the server must refuse on Content-Length
	// alone. Sending the body too races its close against our write and
	// makes the client see a reset instead of the answer.
	oversize := func(path string) *http.Response {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"+
			"Origin: http://blog.example\r\nContent-Length: %d\r\n\r\n", path, ln.Addr(), 256<<10+1)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	// The browser needs each API's CORS headers to see the status; the
	// widget's loader must not take the answer for a refusal to swap in.
	for _, path := range []string{"/new?uri=/a", "/embed/comments?uri=/a"} {
		resp := oversize(path)
		if resp.StatusCode != 413 {
			t.Errorf("%s: 256 KiB + 1 = %d, want 413", path, resp.StatusCode)
		}
		h := resp.Header
		if h.Get("Access-Control-Allow-Origin") != "http://blog.example" || h.Get("Access-Control-Allow-Credentials") != "true" {
			t.Errorf("%s: 413 without CORS headers: %v", path, h)
		}
		if h.Get(embed.RefusalHeader) != "" {
			t.Errorf("%s: 413 marked as a widget refusal", path)
		}
	}

	// Exactly 256 KiB passes the limit and meets the service's own rule.
	resp, err := http.Post("http://"+ln.Addr().String()+"/new?uri=/a", "application/json",
		strings.NewReader(`{"text": "`+strings.Repeat("x", 256<<10-12)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("256 KiB = %d, want 400 (text too long)", resp.StatusCode)
	}
}

func TestStaticAssets(t *testing.T) {
	s := testsite.New(t, testsite.Options{})
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	url := assets.URL("natter.css")
	req := httptest.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, _ := do(t, s, req)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" ||
		resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Fatalf("%s: %d %v", url, resp.StatusCode, resp.Header)
	}
	req = httptest.NewRequest("GET", url, nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if resp, _ := do(t, s, req); resp.StatusCode != 304 {
		t.Errorf("conditional GET = %d, want 304", resp.StatusCode)
	}
	stale := strings.Replace(url, ".css", "x.css", 1)
	if resp, _ := do(t, s, httptest.NewRequest("GET", stale, nil)); resp.StatusCode != 404 {
		t.Errorf("unknown hash = %d, want 404", resp.StatusCode)
	}
}

func TestDemoCarriesSubPath(t *testing.T) {
	s := testsite.New(t, testsite.Options{})
	req := httptest.NewRequest("GET", "/natter/demo", nil)
	req.Host = "example.org"
	req.Header.Set("X-Script-Name", "/natter")
	resp, body := do(t, s, req)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("demo: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(body, "http://example.org/natter/static/natter.") {
		t.Errorf("demo page does not link the stylesheet under the sub-path")
	}
}

func TestRoutingErrorsLookLikeIsso(t *testing.T) {
	s := testsite.New(t, testsite.Options{})
	tests := []struct {
		name, method, path, accept string
		wantCode                   int
		wantType, wantBody         string
	}{
		{"unknown path", "GET", "/nope", "", 404, "text/html; charset=utf-8", "<title>404 Not Found</title>"},
		{"unknown path, JSON", "GET", "/nope", "application/json", 404, "application/json", `{"message": "404 Not Found: `},
		{"wrong method", "DELETE", "/config", "", 405, "text/html; charset=utf-8", "<h1>Method Not Allowed</h1>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			req.Header.Set("Origin", "http://blog.example")
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			resp, body := do(t, s, req)
			if resp.StatusCode != tt.wantCode || resp.Header.Get("Content-Type") != tt.wantType || !strings.Contains(body, tt.wantBody) {
				t.Errorf("got %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			if resp.Header.Get("Access-Control-Allow-Origin") != "http://blog.example" {
				t.Errorf("no CORS on the error: %v", resp.Header)
			}
		})
	}
}
