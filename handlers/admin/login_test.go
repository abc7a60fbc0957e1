package admin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/testsite"
)

func TestAdminLogin(t *testing.T) {
	s := newAdminSite(t)
	a := &adminClient{t: t, s: s, cookies: map[string]string{}}

	resp, _ := a.get("/admin/", false)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "/login/") {
		t.Fatalf("anonymous /admin/ = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := a.get("/login/", false)
	if resp.StatusCode != 200 || !strings.Contains(body, `name="password"`) {
		t.Fatalf("login page = %d", resp.StatusCode)
	}
	for h, want := range map[string]string{"Cache-Control": "no-store", "X-Frame-Options": "DENY"} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s = %q", h, got)
		}
	}
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", resp.Header.Get("Content-Security-Policy"))
	}

	resp, body = a.post("/login/", url.Values{"password": {"wrong"}}, false)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Wrong password") || len(a.cookies) != 0 {
		t.Fatalf("wrong password = %d, cookies %v", resp.StatusCode, a.cookies)
	}
	resp, _ = a.post("/login/", url.Values{}, false)
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("missing password = %d, want 400 as Isso", resp.StatusCode)
	}

	req := httptest.NewRequest("POST", "/login/", strings.NewReader("password=correct-horse-battery"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, _ = a.do(req)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "http://example.com/admin/" {
		t.Fatalf("login = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	set := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"natter_admin=", "httponly", "samesite=strict", "path=/", "max-age=86400"} {
		if !strings.Contains(strings.ToLower(set), strings.ToLower(want)) {
			t.Errorf("Set-Cookie %q lacks %q", set, want)
		}
	}
	if strings.Contains(strings.ToLower(set), "secure") || strings.Contains(set, "__Host-") {
		t.Errorf("plain-http cookie must not be Secure/__Host-: %q", set)
	}
	resp, body = a.get("/admin/", false)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-testid="admin-nav"`) {
		t.Fatalf("queue after login = %d", resp.StatusCode)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" || resp.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("admin sends CORS headers")
	}
}

func TestAdminLogin_SecureCookieOverHTTPS(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: adminConfig + proxyConfig})
	for _, tc := range []struct{ prefix, name, path string }{
		{"", "__Host-natter_admin=", "path=/;"},
		// Under a sub-path the cookie is scoped to it, which __Host- forbids.
		{"/comments", "natter_admin=", "path=/comments/;"},
	} {
		req := httptest.NewRequest("POST", tc.prefix+"/login/", strings.NewReader("password=correct-horse-battery"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-Prefix", tc.prefix)
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		set := strings.ToLower(resp.Header.Get("Set-Cookie"))
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(set, strings.ToLower(tc.name)) ||
			!strings.Contains(set, "secure") || !strings.Contains(set, tc.path) {
			t.Errorf("prefix %q: %d, cookie %q", tc.prefix, resp.StatusCode, set)
		}
	}
}

// proxyConfig trusts app.Test's fake peer, so tests can set client
// addresses and the scheme through X-Forwarded-* headers.
const proxyConfig = "[server]\ntrusted-proxies = 0.0.0.0\n"

func TestAdminLogin_RateLimited(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: adminConfig + proxyConfig})
	a := &adminClient{t: t, s: s, cookies: map[string]string{}}
	for i := 0; i < 5; i++ {
		if resp, _ := a.post("/login/", url.Values{"password": {"nope"}}, false); resp.StatusCode != 401 {
			t.Fatalf("attempt %d = %d", i, resp.StatusCode)
		}
	}
	resp, body := a.post("/login/", url.Values{"password": {"correct-horse-battery"}}, false)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many") {
		t.Fatalf("6th attempt = %d (even the right password waits)", resp.StatusCode)
	}
	// Another address is not affected.
	req := httptest.NewRequest("POST", "/login/", strings.NewReader("password=correct-horse-battery"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", "198.51.100.99")
	if resp, _ := a.do(req); resp.StatusCode != http.StatusFound {
		t.Errorf("other address = %d", resp.StatusCode)
	}
	s.Clock.Advance(16 * time.Minute)
	if resp, _ := a.post("/login/", url.Values{"password": {"correct-horse-battery"}}, false); resp.StatusCode != http.StatusFound {
		t.Errorf("after the window = %d", resp.StatusCode)
	}
}

func TestAdminSession_Expires(t *testing.T) {
	s := newAdminSite(t)
	a := login(t, s)
	s.Clock.Advance(23 * time.Hour)
	if resp, _ := a.get("/admin/", false); resp.StatusCode != 200 {
		t.Fatalf("after 23h = %d", resp.StatusCode)
	}
	s.Clock.Advance(2 * time.Hour)
	resp, _ := a.get("/admin/", false)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "expired=1") {
		t.Fatalf("after 25h = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = a.get("/admin/", true)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(resp.Header.Get("HX-Redirect"), "/login/") {
		t.Fatalf("htmx after expiry = %d %q", resp.StatusCode, resp.Header.Get("HX-Redirect"))
	}
}

func TestAdminLogout_RevokesSession(t *testing.T) {
	s := newAdminSite(t)
	a := login(t, s)
	saved := map[string]string{}
	for k, v := range a.cookies {
		saved[k] = v
	}
	if resp, _ := a.post("/admin/logout", form(a), false); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout = %d", resp.StatusCode)
	}
	a.cookies = saved // a stolen copy of the cookie is useless too
	if resp, _ := a.get("/admin/", false); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoked session still works: %d", resp.StatusCode)
	}
}

func TestAdminCSRF_Rejected(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "pending comment")
	a := login(t, s)
	path := fmt.Sprintf("/admin/comments/%d/approve", ids[0])
	for name, f := range map[string]url.Values{
		"missing": {},
		"wrong":   {"_csrf": {"forged"}},
	} {
		if resp, _ := a.post(path, f, false); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s token = %d", name, resp.StatusCode)
		}
	}
	req := httptest.NewRequest("POST", path, strings.NewReader(form(a).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, _ := a.do(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site with token = %d", resp.StatusCode)
	}
	if strings.Contains(publicThread(t, s, "/post"), "pending comment") {
		t.Fatal("a rejected request approved the comment")
	}
}
