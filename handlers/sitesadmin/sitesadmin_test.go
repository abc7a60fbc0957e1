package sitesadmin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/natter/natter/handlers/sitesadmin"
	"github.com/natter/natter/internal/app"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/sites"
	"github.com/natter/natter/static"
)

const password = "hoster-password-123"

type env struct {
	t   *testing.T
	s   *app.Sites
	reg *sites.Registry
}

// newEnv serves a configuration-file site "blog", a registry beside it
// and, when pw is set, the panel.
func newEnv(t *testing.T, pw string) *env {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "blog.cfg")
	text := "[general]\nname = blog\nhost = http://blog.example\ndbpath = " + dir + "/comments.blog.db\n[natter]\nsites-admin-password = " + pw + "\n"
	if err := os.WriteFile(cfgPath, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(cfgPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := app.NewSites(ctx, []*config.Config{cfg}, app.Options{Site: site.Options{Logger: log}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	reg, err := sites.Open(filepath.Join(dir, "natter-sites.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	r := app.NewRegistered(s, reg, cfg)
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	panel, err := sitesadmin.New(ctx, sitesadmin.Deps{Password: cfg.Natter.SitesAdminPassword, Registry: reg, Sites: s,
		Sync: r.Sync, Assets: assets, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if panel != nil {
		s.Dispatcher().Panel(sitesadmin.Base, panel)
	}
	return &env{t: t, s: s, reg: reg}
}

func (e *env) do(method, path string, form url.Values, cookie string) (*http.Response, string) {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := e.s.HTTP.Test(req, -1)
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// signIn returns the session cookie and the page's CSRF token.
func (e *env) signIn() (cookie, csrf string) {
	e.t.Helper()
	resp, _ := e.do("POST", "/admin/sites/login", url.Values{"password": {password}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	sc := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"path=/admin/sites", "HttpOnly", "SameSite=Strict"} {
		if !strings.Contains(sc, want) {
			e.t.Errorf("session cookie %q lacks %s", sc, want)
		}
	}
	cookie, _, _ = strings.Cut(sc, ";")
	_, page := e.do("GET", "/admin/sites/", nil, cookie)
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		e.t.Fatalf("no CSRF token in the list page:\n%s", page)
	}
	return cookie, m[1]
}

func TestLogin_WrongPasswordRefusedAndRateLimited(t *testing.T) {
	e := newEnv(t, password)
	resp, body := e.do("GET", "/admin/sites", nil, "")
	if resp.StatusCode != 200 || !strings.Contains(body, `type="password"`) {
		t.Fatalf("panel without session: %d, want the sign-in page", resp.StatusCode)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("the panel answers CORS")
	}
	css := regexp.MustCompile(`rel="stylesheet" href="(/admin/sites/static/[^"]+)"`).FindStringSubmatch(body)
	if css == nil {
		t.Fatal("sign-in page has no stylesheet under /admin/sites")
	}
	if resp, _ := e.do("GET", css[1], nil, ""); resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet %s: %d %s", css[1], resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for i := 0; i < 5; i++ {
		resp, _ := e.do("POST", "/admin/sites/login", url.Values{"password": {"wrong-password-x"}}, "")
		if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("Set-Cookie") != "" {
			t.Fatalf("wrong password %d: %d", i, resp.StatusCode)
		}
	}
	resp, _ = e.do("POST", "/admin/sites/login", url.Values{"password": {password}}, "")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Set-Cookie") != "" {
		t.Fatalf("after 5 failures the right password gave %d, want 429", resp.StatusCode)
	}
	if resp, _ := e.do("POST", "/admin/sites/new", url.Values{"name": {"x"}}, "natter_sites_session=123.forged"); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("forged session: %d", resp.StatusCode)
	}
}

func TestCreateServeSuspend(t *testing.T) {
	e := newEnv(t, password)
	cookie, csrf := e.signIn()
	if resp, _ := e.do("GET", "/shop/embed.js", nil, ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("/shop before creation: %d", resp.StatusCode)
	}
	form := url.Values{"csrf": {csrf}, "name": {"shop"}, "hosts": {"https://shop.example\nhttps://www.shop.example"}, "owner": {"o@shop.example"}}
	resp, body := e.do("POST", "/admin/sites/new", form, cookie)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d\n%s", resp.StatusCode, body)
	}
	pw := regexp.MustCompile(`data-testid="owner-password">([^<]+)<`).FindStringSubmatch(body)
	if pw == nil || len(pw[1]) < 12 || !strings.Contains(body, "/shop/embed.js") {
		t.Fatalf("no owner password or snippet shown:\n%s", body)
	}
	if resp, _ := e.do("GET", "/shop/embed.js", nil, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("/shop/embed.js after creation: %d", resp.StatusCode)
	}
	_, list := e.do("GET", "/admin/sites/", nil, cookie)
	for _, want := range []string{`data-site="blog"`, `data-site="shop"`, "https://www.shop.example"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %s", want)
		}
	}
	if resp, _ := e.do("POST", "/admin/sites/new", form, cookie); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("creating shop twice: %d", resp.StatusCode)
	}
	if resp, _ := e.do("POST", "/admin/sites/shop/suspend", url.Values{"csrf": {csrf}}, cookie); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("suspend: %d", resp.StatusCode)
	}
	if resp, _ := e.do("GET", "/shop/embed.js", nil, ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("/shop/embed.js after suspension: %d", resp.StatusCode)
	}
	if resp, _ := e.do("POST", "/admin/sites/shop/resume", url.Values{"csrf": {csrf}}, cookie); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resume: %d", resp.StatusCode)
	}
	if resp, _ := e.do("GET", "/shop/embed.js", nil, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("/shop/embed.js after resumption: %d", resp.StatusCode)
	}
}

func TestCSRFRefused(t *testing.T) {
	e := newEnv(t, password)
	cookie, csrf := e.signIn()
	for _, token := range []string{"", "x" + csrf} {
		form := url.Values{"csrf": {token}, "name": {"shop"}, "hosts": {"https://shop.example"}}
		if resp, _ := e.do("POST", "/admin/sites/new", form, cookie); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("create with CSRF token %q: %d, want 403", token, resp.StatusCode)
		}
	}
	list, err := e.reg.List(context.Background())
	if err != nil || len(list) != 0 {
		t.Fatalf("registry after refused posts: %v %v", list, err)
	}
}

func TestPanelOffWithoutPassword(t *testing.T) {
	e := newEnv(t, "")
	for _, path := range []string{"/admin/sites", "/admin/sites/"} {
		resp, body := e.do("GET", path, nil, "")
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "/blog") {
			t.Fatalf("GET %s without a password: %d %q, want the dispatcher's 404", path, resp.StatusCode, body)
		}
	}
	if resp, _ := e.do("POST", "/admin/sites/login", url.Values{"password": {password}}, ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("login without a password: %d", resp.StatusCode)
	}
}

func TestLogoutEndsTheCookie(t *testing.T) {
	e := newEnv(t, password)
	cookie, csrf := e.signIn()
	resp, _ := e.do("POST", "/admin/sites/logout", url.Values{"csrf": {csrf}}, cookie)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Set-Cookie"), "natter_sites_session=;") {
		t.Fatalf("logout: %d %q", resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}
}
