package admin_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/internal/testsite"
	view "github.com/natter/natter/views/admin"
)

// TestAdminDebug_NeedsLogin: the Debug page, like the profiles it links,
// is for a signed-in admin only.
func TestAdminDebug_NeedsLogin(t *testing.T) {
	s := newAdminSite(t)
	anon := &adminClient{t: t, s: s}
	resp, body := anon.get("/admin/debug", false)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "/login/") {
		t.Errorf("debug page without a session: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if strings.Contains(body, "GOMAXPROCS") {
		t.Error("the refusal shows the page's figures")
	}
}

// TestAdminDebug_ShowsTheCache: the page shows the site's real cache (its
// budget and each space with its bytes and entries), the database, the
// runtime and the profiles, and no secret.
func TestAdminDebug_ShowsTheCache(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/cached", "a comment to cache")
	// A reader's visit fills the cache.
	if resp, err := s.App.Test(httptest.NewRequest("GET", "/?uri=/cached", nil), -1); err != nil || resp.StatusCode != 200 {
		t.Fatalf("thread read: %v %v", resp, err)
	}
	a := login(t, s)
	resp, body := a.get("/admin/debug", false)
	if resp.StatusCode != 200 {
		t.Fatalf("debug page = %d", resp.StatusCode)
	}
	testsite.NoInlineStyle(t, "debug page", body)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	fact := func(id string) string { return strings.TrimSpace(doc.Find(`[data-testid="debug-` + id + `"]`).Text()) }
	st := s.Site.Cache.Stats()
	if got, want := fact("cache-budget"), view.ByteSize(st.Budget); got != want {
		t.Errorf("budget = %q, want %q", got, want)
	}
	usage := s.Site.Cache.Usage()
	if len(usage) == 0 {
		t.Fatal("the visit cached nothing")
	}
	rows := doc.Find(`[data-testid="debug-space"]`)
	if rows.Length() != len(usage) {
		t.Fatalf("%d space rows, want %d: %+v", rows.Length(), len(usage), usage)
	}
	rows.Each(func(i int, r *goquery.Selection) {
		name, _ := r.Attr("data-space")
		bytes, _ := r.Attr("data-bytes")
		entries, _ := r.Attr("data-entries")
		u := usage[i]
		if name != u.Name || bytes != strconv.FormatInt(u.Bytes, 10) || entries != strconv.Itoa(u.Entries) || u.Bytes <= 0 {
			t.Errorf("row %d: %s %s bytes %s entries; cache has %+v", i, name, bytes, entries, u)
		}
	})
	want := s.Site.DBPath
	if store.IsPostgres(want) { // the server and database, not the URL's password or parameters
		u, _ := url.Parse(want)
		want = u.User.Username() + "@" + u.Host + u.Path
	}
	if got := fact("db-location"); got != want {
		t.Errorf("database location = %q, want %q", got, want)
	}
	if fact("db-engine") == "" || fact("db-size") == "" || fact("gomaxprocs") == "" || fact("heap") == "" || fact("version") != "test" {
		t.Errorf("missing figures: engine %q, size %q, GOMAXPROCS %q, heap %q, version %q",
			fact("db-engine"), fact("db-size"), fact("gomaxprocs"), fact("heap"), fact("version"))
	}
	if n := doc.Find(`[data-testid="debug-profile"][href*="/admin/debug/pprof/"]`).Length(); n < 5 {
		t.Errorf("%d profile links", n)
	}
	if !doc.Find(`[data-testid="nav-debug"][aria-current="page"]`).Is("a") {
		t.Error("the navigation does not mark the Debug page")
	}
	key, _ := s.Site.DB.AdminSecret(t.Context())
	if strings.Contains(body, "correct-horse-battery") || len(key) > 0 && strings.Contains(body, string(key)) {
		t.Error("the page shows a secret")
	}
}

// TestAdminDebug_Chinese: the page speaks the panel's other language.
func TestAdminDebug_Chinese(t *testing.T) {
	s := newAdminSite(t)
	a := login(t, s)
	a.cookies["natter_admin_lang"] = "zh-CN"
	_, body := a.get("/admin/debug", false)
	for _, want := range []string{"调试信息", "缓存", "数据库", "性能剖析", "尚未缓存任何内容"} {
		if !strings.Contains(body, want) {
			t.Errorf("zh-CN page lacks %q", want)
		}
	}
}
