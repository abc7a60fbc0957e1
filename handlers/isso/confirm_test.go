package isso_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

// A browser opening the approve link from a message sees the comment and
// a question in the owner's language; nothing changes until the page's
// form posts to the same URL.
func TestModerationLink_ConfirmationPage(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\n[natter]\nlang = zh-CN\n")
	post(t, s, "/c/", map[string]any{"text": "**bold** words", "author": "<Ann>"})
	path := moderationPath(t, s, 1, 1, "activate")
	r := do(t, s, req{method: http.MethodGet, path: path, headers: map[string]string{"Accept": browserAccept}})
	if r.status != http.StatusOK {
		t.Fatalf("GET: %s", r)
	}
	body := string(r.body)
	for _, want := range []string{`lang="zh-CN"`, "通过这条评论？", "<strong>bold</strong> words", "&lt;Ann&gt;",
		`data-testid="link-pending"`, `<form method="post"`, `href="http://blog.example/c/#isso-1"`, `<link rel="stylesheet" href="/static/natter.`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script") {
		t.Error("the confirmation page runs script")
	}
	testsite.NoInlineStyle(t, "confirmation page", body)
	for h, want := range map[string]string{"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex"} {
		if got := r.header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if !strings.Contains(r.header.Get("Content-Security-Policy"), "form-action 'self'") {
		t.Errorf("CSP %q", r.header.Get("Content-Security-Policy"))
	}
	if got := summary(t, get(t, s, "/?uri=/c/").body); !strings.HasPrefix(got, "0 ") {
		t.Fatalf("the GET published the comment: %s", got)
	}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": browserAccept}
	if r := do(t, s, req{method: http.MethodPost, path: path, headers: form}); string(r.body) != "Comment has been activated" {
		t.Fatalf("the page's POST: %s", r)
	}
	if got := summary(t, get(t, s, "/?uri=/c/").body); !strings.HasPrefix(got, "1 ") {
		t.Errorf("not published after the POST: %s", got)
	}
}

// The delete link asks in English by default; edit links and clients
// that do not ask for HTML keep Isso's page.
func TestModerationLink_PageVariants(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\n")
	post(t, s, "/v/", map[string]any{"text": "some text"})
	html := map[string]string{"Accept": browserAccept}
	r := do(t, s, req{method: http.MethodGet, path: moderationPath(t, s, 1, 1, "delete"), headers: html})
	if !strings.Contains(string(r.body), "Delete this comment?") || !strings.Contains(string(r.body), `lang="en"`) {
		t.Errorf("delete page: %s", r)
	}
	r = do(t, s, req{method: http.MethodGet, path: moderationPath(t, s, 1, 1, "edit"), headers: html})
	if !strings.Contains(string(r.body), `confirm("Edit: Are you sure?")`) {
		t.Errorf("edit page: %s", r)
	}
	if r := get(t, s, moderationPath(t, s, 1, 1, "activate")); !strings.Contains(string(r.body), `confirm("Activate: Are you sure?")`) {
		t.Errorf("non-browser page: %s", r)
	}
	if r := do(t, s, req{method: http.MethodGet, path: "/id/1/activate/garbage", headers: html}); r.status != http.StatusForbidden {
		t.Errorf("forged key: %s", r)
	}
}
