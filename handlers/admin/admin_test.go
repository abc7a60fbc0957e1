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
	"time"

	"github.com/PuerkitoBio/goquery"
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

func TestAdminQueue_CountsAndStates(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/a", "first pending", "second pending", "third pending")
	a := login(t, s)
	_, body := a.get("/admin/", false)
	if !strings.Contains(body, `data-testid="count-pending">3<`) || strings.Count(body, `data-testid="admin-row"`) != 3 {
		t.Fatalf("pending queue: %.500s", body)
	}
	if _, body := a.get("/admin/?state=approved", false); !strings.Contains(body, `data-testid="empty"`) {
		t.Error("approved queue not empty")
	}
	if resp, _ := a.get("/admin/?state=bogus", false); resp.StatusCode != 400 {
		t.Errorf("bad state = %d", resp.StatusCode)
	}
}

func TestAdminApprove_InPlaceAndFallback(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "first comment text", "second comment text")
	a := login(t, s)

	resp, body := a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), url.Values{"back": {"/admin/?state=pending"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `id="row-c`) || !strings.Contains(body, `data-state="approved"`) || strings.Contains(body, "<html") {
		t.Fatalf("htmx approve = %d: %.300s", resp.StatusCode, body)
	}
	if !strings.Contains(publicThread(t, s, "/post"), "first comment text") {
		t.Fatal("approved comment not in the public thread")
	}
	// Without JavaScript: a form post and a redirect back.
	resp, _ = a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[1]), form(a, "back", "/admin/?state=pending"), false)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "http://example.com/admin/?state=pending" {
		t.Fatalf("form approve = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if !strings.Contains(publicThread(t, s, "/post"), "second comment text") {
		t.Fatal("second approved comment not public")
	}
	// back never leaves the panel.
	resp, _ = a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[1]), form(a, "back", "https://evil.example/"), false)
	if loc := resp.Header.Get("Location"); loc != "http://example.com/admin/" {
		t.Errorf("open redirect: %q", loc)
	}
	if resp, _ := a.post("/admin/comments/999/approve", nil, true); resp.StatusCode != 404 {
		t.Errorf("missing comment = %d", resp.StatusCode)
	}
}

func TestAdminDeleteAndRestore(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "to be deleted", "stays")
	a := login(t, s)
	a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), nil, true)

	resp, body := a.post(fmt.Sprintf("/admin/comments/%d/delete", ids[0]), nil, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-state="deleted"`) || !strings.Contains(body, "action-restore") {
		t.Fatalf("delete = %d %.300s", resp.StatusCode, body)
	}
	if strings.Contains(publicThread(t, s, "/post"), "to be deleted") {
		t.Fatal("deleted comment still public")
	}
	_, body = a.get("/admin/?state=deleted", false)
	if !strings.Contains(body, "to be deleted") || !strings.Contains(body, `data-testid="count-deleted">1<`) {
		t.Fatalf("deleted queue: %.400s", body)
	}
	m := regexp.MustCompile(`/admin/trash/(\d+)/restore`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no restore action")
	}
	resp, body = a.post("/admin/trash/"+m[1]+"/restore", nil, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-state="approved"`) {
		t.Fatalf("restore = %d %.300s", resp.StatusCode, body)
	}
	if !strings.Contains(publicThread(t, s, "/post"), "to be deleted") {
		t.Fatal("restored comment not public again")
	}
}

func TestAdminDelete_PlaceholderRules(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "parent comment")
	a := login(t, s)
	a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), nil, true)
	text, parent := "a reply here", ids[0]
	r, err := s.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text}, URI: "/post", Parent: &parent},
		comment.Actor{IP: "203.0.113.50", Origin: "http://blog.example"})
	if err != nil {
		t.Fatal(err)
	}
	a.post(fmt.Sprintf("/admin/comments/%d/approve", r.ID), nil, true)
	a.post(fmt.Sprintf("/admin/comments/%d/delete", ids[0]), nil, true)
	thread := publicThread(t, s, "/post")
	if !strings.Contains(thread, `"mode": 4`) && !strings.Contains(thread, `"mode":4`) {
		t.Fatalf("parent with a reply must stay as a placeholder: %s", thread)
	}
	if strings.Contains(thread, "parent comment") {
		t.Fatal("placeholder keeps its text")
	}
	// Restoring puts the text back into the placeholder.
	_, body := a.get("/admin/?state=deleted", false)
	m := regexp.MustCompile(`/admin/trash/(\d+)/restore`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no restore action")
	}
	a.post("/admin/trash/"+m[1]+"/restore", nil, true)
	if !strings.Contains(publicThread(t, s, "/post"), "parent comment") {
		t.Fatal("restore into the placeholder failed")
	}
}

func TestAdminEdit(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "original text")
	a := login(t, s)
	path := fmt.Sprintf("/admin/comments/%d/edit", ids[0])

	resp, body := a.get(path+"?back=/admin/", true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-testid="admin-edit"`) || strings.Contains(body, "<html") {
		t.Fatalf("htmx edit form = %d", resp.StatusCode)
	}
	if resp, body := a.get(path, false); resp.StatusCode != 200 || !strings.Contains(body, "<html") {
		t.Fatalf("no-JS edit page = %d", resp.StatusCode)
	}
	resp, body = a.post(fmt.Sprintf("/admin/comments/%d/preview", ids[0]), url.Values{"text": {"**bold** words"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, "<strong>bold</strong>") {
		t.Fatalf("preview = %d %s", resp.StatusCode, body)
	}
	resp, body = a.post(path, form(a, "text", "**bold** words", "preview", "1"), false)
	if resp.StatusCode != 200 || !strings.Contains(body, "<strong>bold</strong>") {
		t.Fatalf("no-JS preview = %d", resp.StatusCode)
	}
	resp, body = a.post(path, url.Values{"text": {"x"}, "author": {"A"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-testid="edit-error"`) {
		t.Fatalf("invalid edit = %d %.300s", resp.StatusCode, body)
	}
	resp, body = a.post(path, url.Values{"text": {"edited <text>"}, "author": {"New & Name"}, "email": {"new@example.org"},
		"website": {"https://example.org"}, "back": {"/admin/"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, "New &amp; Name") || !strings.Contains(body, "new@example.org") {
		t.Fatalf("edit = %d %.500s", resp.StatusCode, body)
	}
	got, err := s.Site.Comments.Get(context.Background(), ids[0], comment.Actor{Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "edited <text>" || *got.Author != "New &amp; Name" || *got.Email != "new@example.org" || got.Modified != nil {
		t.Errorf("stored: text %q author %q email %q modified %v", got.Text, *got.Author, *got.Email, got.Modified)
	}
}

func TestAdminSearchAndFilters(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/a", "apples are red", "bananas are yellow", "cherries 100% red")
	seed(t, s, "/b", "red wine")
	a := login(t, s)
	cases := map[string]int{
		"/admin/?q=red":                         3,
		"/admin/?q=100%25":                      1, // LIKE wildcards are literal
		"/admin/?q=a1@example":                  1, // e-mail
		"/admin/?author=author+0":               2, // case-insensitive exact
		"/admin/?email=a2@example.org":          1,
		"/admin/?ip=203.0.113":                  4,
		"/admin/?from=2026-11-01&to=2026-11-01": 4,
		"/admin/?from=2026-11-02":               0,
		"/admin/?q=red&sort=oldest":             3,
	}
	for path, want := range cases {
		resp, body := a.get(path, false)
		if resp.StatusCode != 200 {
			t.Errorf("%s = %d", path, resp.StatusCode)
			continue
		}
		if got := strings.Count(body, `data-testid="admin-row"`); got != want {
			t.Errorf("%s: %d rows, want %d", path, got, want)
		}
	}
	if _, body := a.get("/admin/?q=red", false); !strings.Contains(body, ">3 matching<") {
		t.Error("matching count missing")
	}
}

func TestAdminBulk_SelectionAndFilter(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/a", "spam one", "spam two", "good one", "spam three")
	a := login(t, s)

	// Selection: first the confirmation states the count, then it acts.
	f := form(a, "op", "approve:selected", "id", fmt.Sprint(ids[2]), "back", "/admin/?state=pending", "f_state", "pending")
	resp, body := a.post("/admin/bulk", f, false)
	if resp.StatusCode != 200 || !strings.Contains(body, "Approve 1 comment?") {
		t.Fatalf("confirm = %d %.300s", resp.StatusCode, body)
	}
	f.Set("confirm", "1")
	resp, _ = a.post("/admin/bulk", f, false)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=1") {
		t.Fatalf("bulk approve = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if !strings.Contains(publicThread(t, s, "/a"), "good one") {
		t.Fatal("bulk approve did not publish")
	}

	// Everything a filter matches.
	f = form(a, "op", "delete:all", "f_state", "pending", "f_q", "spam", "back", "/admin/")
	_, body = a.post("/admin/bulk", f, false)
	if !strings.Contains(body, "Delete 3 comments?") {
		t.Fatalf("filter confirm: %.400s", body)
	}
	// The filter's result changes before the confirmation: ask again.
	seed(t, s, "/a", "more spam")
	f.Set("confirm", "3")
	resp, body = a.post("/admin/bulk", f, false)
	if resp.StatusCode != 200 || !strings.Contains(body, "now matches 4 comments instead of 3") {
		t.Fatalf("changed filter = %d %.400s", resp.StatusCode, body)
	}
	f.Set("confirm", "4")
	resp, _ = a.post("/admin/bulk", f, false)
	if !strings.Contains(resp.Header.Get("Location"), "done=4") {
		t.Fatalf("bulk delete = %q", resp.Header.Get("Location"))
	}
	counts, _ := comment.NewAdmin(s.Site.Comments, s.Site.DB.Admin()).Counts(context.Background())
	if counts.Pending != 0 || counts.Deleted != 4 || counts.Approved != 1 {
		t.Fatalf("counts after bulk delete: %+v", counts)
	}
	// And back: restore everything in the deleted queue.
	f = form(a, "op", "restore:all", "f_state", "deleted", "confirm", "4")
	if resp, _ := a.post("/admin/bulk", f, false); !strings.Contains(resp.Header.Get("Location"), "done=4") {
		t.Fatalf("bulk restore = %q", resp.Header.Get("Location"))
	}
	if resp, _ := a.post("/admin/bulk", url.Values{"op": {"delete:all"}, "confirm": {"1"}}, false); resp.StatusCode != 403 {
		t.Errorf("bulk without CSRF = %d", resp.StatusCode)
	}
}

func TestAdminThreads(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/old-path", "comment on a moving post")
	seed(t, s, "/other", "another one")
	a := login(t, s)
	_, body := a.get("/admin/threads", false)
	if strings.Count(body, `data-testid="thread-item"`) != 2 || !strings.Contains(body, "/old-path") {
		t.Fatalf("threads: %.400s", body)
	}
	m := regexp.MustCompile(`/admin/threads/(\d+)"[^>]*data-testid="thread-link">\s*Untitled.\s*</a>\s*<span[^>]*>/old-path`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link for /old-path")
	}
	resp, body := a.get("/admin/threads/"+m[1], false)
	if resp.StatusCode != 200 || !strings.Contains(body, "comment on a moving post") {
		t.Fatalf("thread page = %d", resp.StatusCode)
	}
	resp, _ = a.post("/admin/threads/"+m[1], form(a, "uri", "/new-path", "title", "Moved post"), false)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("move = %d", resp.StatusCode)
	}
	a.post("/admin/comments/1/approve", nil, true)
	if !strings.Contains(publicThread(t, s, "/new-path"), "comment on a moving post") {
		t.Fatal("comments did not follow the thread to its new URI")
	}
	resp, body = a.post("/admin/threads/"+m[1], form(a, "uri", "/other", "title", "x"), false)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Another thread already has this URI") {
		t.Fatalf("taken URI = %d", resp.StatusCode)
	}
}

func TestAdminDashboard(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/a", "one comment", "two comment")
	a := login(t, s)
	resp, body := a.get("/admin/dashboard", false)
	if resp.StatusCode != 200 || strings.Count(body, "<rect") != 30 || !strings.Contains(body, "2026-11-01: 2") {
		t.Fatalf("dashboard = %d %.400s", resp.StatusCode, body)
	}
	if !strings.Contains(body, "No warnings or errors logged") {
		t.Error("a fresh server shows failures")
	}
	// Anything the site logs at warning level or above reaches the owner,
	// not only the HTTP layer's lines.
	s.Logger.Warn("configuration", "warning", "unknown key [general] fo")
	s.Logger.Error("purge pending comments", "error", "disk I/O error")
	_, body = a.get("/admin/dashboard", false)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	items := doc.Find(`[data-testid="dash-failures"] li`)
	want := []string{
		"error purge pending comments error=disk I/O error",
		"warning configuration warning=unknown key [general] fo",
	}
	if items.Length() != len(want) {
		t.Fatalf("%d failures listed, want %d: %s", items.Length(), len(want), items.Text())
	}
	items.Each(func(i int, li *goquery.Selection) {
		got := strings.Join(strings.Fields(li.Find(`[data-testid="failure-level"]`).Text()+" "+li.Find("span.nt-block").Text()), " ")
		if got != want[i] {
			t.Errorf("failure %d = %q, want %q", i, got, want[i])
		}
	})
}

func TestAdminLanguageAndTheme(t *testing.T) {
	s := newAdminSite(t)
	a := login(t, s)
	req := httptest.NewRequest("GET", "/admin/", nil)
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9")
	_, body := a.do(req)
	if !strings.Contains(body, "待审核") || !strings.Contains(body, `lang="zh-CN"`) {
		t.Fatal("Accept-Language zh-CN not honoured")
	}
	resp, _ := a.get("/admin/prefs?lang=en&theme=dark&back=/admin/%3Fstate%3Dapproved", false)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "http://example.com/admin/?state=approved" {
		t.Fatalf("prefs = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	req = httptest.NewRequest("GET", "/admin/", nil)
	req.Header.Set("Accept-Language", "zh-CN")
	_, body = a.do(req)
	if !strings.Contains(body, "Pending") || !strings.Contains(body, `data-natter-theme="dark"`) {
		t.Fatal("language/theme cookies not honoured")
	}
}

func TestAdminDisabled_IssoStub(t *testing.T) {
	s := testsite.New(t, testsite.Options{})
	resp, err := s.App.Test(httptest.NewRequest("GET", "/admin/", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), "Administration is disabled") {
		t.Fatalf("disabled admin: %s", b)
	}
	resp, _ = s.App.Test(httptest.NewRequest("GET", "/admin", nil), -1)
	if resp.StatusCode != http.StatusPermanentRedirect {
		t.Errorf("/admin = %d", resp.StatusCode)
	}
}

func TestAdmin_NoCORSEvenOnErrors(t *testing.T) {
	s := newAdminSite(t)
	a := login(t, s)
	for _, req := range []*http.Request{
		httptest.NewRequest("GET", "/admin/nowhere", nil),
		httptest.NewRequest("OPTIONS", "/admin/", nil),
		httptest.NewRequest("GET", "/admin/?state=bogus", nil),
		httptest.NewRequest("POST", "/admin/comments/1/approve", nil),
	} {
		req.Header.Set("Origin", "http://blog.example")
		resp, _ := a.do(req)
		if v := resp.Header.Get("Access-Control-Allow-Origin"); v != "" {
			t.Errorf("%s %s: Access-Control-Allow-Origin %q", req.Method, req.URL, v)
		}
		if resp.Header.Get("Cache-Control") != "no-store" && resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s (%d): Cache-Control %q", req.Method, req.URL, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
}
