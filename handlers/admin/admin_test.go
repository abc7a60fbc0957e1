package admin_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

const adminConfig = "[general]\nhost = http://blog.example\n[admin]\nenabled = true\npassword = correct-horse-battery\n" +
	"[moderation]\nenabled = true\n[guard]\nenabled = false\n"

// adminClient is a logged-in browser for app.Test: it keeps cookies.
type adminClient struct {
	t       testing.TB
	s       *testsite.Site
	cookies map[string]string
	csrf    string
}

func newAdminSite(t testing.TB) *testsite.Site {
	t.Helper()
	return testsite.New(t, testsite.Options{Config: adminConfig})
}

func (a *adminClient) do(req *http.Request) (*http.Response, string) {
	a.t.Helper()
	for k, v := range a.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	if req.RemoteAddr == "192.0.2.1:1234" || req.RemoteAddr == "" {
		req.RemoteAddr = "198.51.100.7:4000"
	}
	resp, err := a.s.App.Test(req, -1)
	if err != nil {
		a.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(a.cookies, c.Name)
		} else {
			a.cookies[c.Name] = c.Value
		}
	}
	return resp, string(body)
}

func (a *adminClient) get(path string, htmx bool) (*http.Response, string) {
	req := httptest.NewRequest("GET", path, nil)
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	return a.do(req)
}

func (a *adminClient) post(path string, form url.Values, htmx bool) (*http.Response, string) {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if htmx {
		req.Header.Set("HX-Request", "true")
		req.Header.Set("X-CSRF-Token", a.csrf)
	}
	return a.do(req)
}

var csrfRe = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func login(t testing.TB, s *testsite.Site) *adminClient {
	t.Helper()
	a := &adminClient{t: t, s: s, cookies: map[string]string{}}
	resp, _ := a.post("/login/", url.Values{"password": {"correct-horse-battery"}}, false)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("login = %d", resp.StatusCode)
	}
	_, body := a.get("/admin/", false)
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token on the queue page: %.300s", body)
	}
	a.csrf = m[1]
	return a
}

// seed creates comments through the service (pending: moderation is on).
func seed(t testing.TB, s *testsite.Site, uri string, texts ...string) []int64 {
	t.Helper()
	var ids []int64
	for i, text := range texts {
		author, email := fmt.Sprintf("Author %d", i), fmt.Sprintf("a%d@example.org", i)
		c, err := s.Site.Comments.Create(context.Background(), comment.CreateInput{
			Input: comment.Input{Text: &text, Author: &author, Email: &email}, URI: uri,
		}, comment.Actor{IP: fmt.Sprintf("203.0.113.%d", i+1), Origin: "http://blog.example"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

func form(a *adminClient, kv ...string) url.Values {
	v := url.Values{"_csrf": {a.csrf}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func publicThread(t testing.TB, s *testsite.Site, uri string) string {
	t.Helper()
	resp, err := s.App.Test(httptest.NewRequest("GET", "/?uri="+url.QueryEscape(uri), nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
