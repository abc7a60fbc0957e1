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

	"github.com/PuerkitoBio/goquery"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

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
