package embed_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

// The plain thread page without JavaScript: reply, vote, edit and delete
// through links and form POSTs that answer with a 303 back to the page.

// own is Natter's own origin as httptest requests reach it.
const own = "http://example.com"

// nojsPath turns a Location or href into a request path.
func nojsPath(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}

// nojsPost creates a comment through the plain form and returns its id
// and the convenience cookie ("natter-<id>=<token>").
func nojsPost(t *testing.T, s *testsite.Site, uri, text string) (string, string) {
	t.Helper()
	r := edo(t, s, "POST", "/embed/comments", eform("uri", uri, "text", text, "return", own+"/embed/thread?uri="+url.QueryEscape(uri)), "Origin", own)
	if r.StatusCode != 303 {
		t.Fatalf("no-JS post: %d %s", r.StatusCode, r.body)
	}
	id, _ := tokenOf(t, r)
	ck, _, _ := strings.Cut(r.Header.Get("Set-Cookie"), ";")
	if !strings.HasPrefix(ck, "natter-"+id+"=") {
		t.Fatalf("cookie = %q", ck)
	}
	return id, ck
}

func seedOther(t *testing.T, s *testsite.Site, uri, text string) int64 {
	t.Helper()
	author := "Bob"
	c, err := s.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text, Author: &author}, URI: uri}, comment.Actor{IP: "10.9.8.7"})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func TestEmbedNoJSReply(t *testing.T) {
	s := newEmbedSite(t, "")
	bob := seedOther(t, s, "/r", "Bob wrote this.")
	page := edo(t, s, "GET", "/embed/thread?uri=/r", "")
	a := page.doc.Find(fmt.Sprintf(`#natter-comment-%d a[data-testid="reply"]`, bob))
	href, _ := a.Attr("href")
	hxGet, _ := a.Attr("hx-get")
	if !strings.Contains(href, "/embed/thread?") || !strings.Contains(href, fmt.Sprintf("reply=%d", bob)) ||
		!strings.HasSuffix(href, fmt.Sprintf("#natter-reply-form-%d", bob)) || !strings.Contains(hxGet, fmt.Sprintf("/embed/comments/%d/reply", bob)) {
		t.Fatalf("reply link: href=%q hx-get=%q", href, hxGet)
	}
	// The page in reply state: the reply form under Bob's comment.
	rp := edo(t, s, "GET", nojsPath(t, href), "")
	f := rp.doc.Find(fmt.Sprintf(`#natter-slot-%d form[data-testid="reply-form"]`, bob))
	if f.Length() != 1 {
		t.Fatalf("no reply form in the slot: %.500s", rp.body)
	}
	if m, _ := f.Attr("method"); m != "post" {
		t.Errorf("reply form method = %q", m)
	}
	if v, _ := f.Find(`input[name="parent"]`).Attr("value"); v != fmt.Sprint(bob) {
		t.Errorf("parent = %q", v)
	}
	ret, _ := f.Find(`input[name="return"]`).Attr("value")
	if !strings.Contains(ret, "/embed/thread?") || strings.Contains(ret, "reply=") {
		t.Errorf("return = %q", ret)
	}
	if cc := rp.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("reply page Cache-Control = %q", cc)
	}
	// A refused reply stays under its comment with the text and message.
	bad := edo(t, s, "POST", "/embed/comments", eform("uri", "/r", "text", "x", "parent", fmt.Sprint(bob), "return", ret), "Origin", own)
	if bad.StatusCode != 422 {
		t.Fatalf("short reply: %d", bad.StatusCode)
	}
	bf := bad.doc.Find(fmt.Sprintf(`#natter-slot-%d form[data-testid="reply-form"]`, bob))
	if !strings.Contains(bf.Find(`[data-testid="form-error"]`).Text(), "too short") || bf.Find("textarea").Text() != "x" {
		t.Errorf("refused reply: %.600s", bad.body)
	}
	if bad.doc.Find(`form[data-testid="post-form"] [data-testid="form-error"]`).Length() != 0 {
		t.Error("reply refusal shown on the post form")
	}
	// Posted: back to the plain page at the reply, which is listed.
	ok := edo(t, s, "POST", "/embed/comments", eform("uri", "/r", "text", "A reply without JS", "parent", fmt.Sprint(bob), "return", ret), "Origin", own)
	loc := ok.Header.Get("Location")
	if ok.StatusCode != 303 || !strings.HasPrefix(loc, ret+"#natter-comment-") {
		t.Fatalf("reply: %d %q", ok.StatusCode, loc)
	}
	after := edo(t, s, "GET", nojsPath(t, loc), "")
	if !strings.Contains(after.doc.Find(fmt.Sprintf("#natter-replies-%d", bob)).Text(), "A reply without JS") {
		t.Errorf("reply not listed: %.500s", after.body)
	}
}

func TestEmbedNoJSVote(t *testing.T) {
	s := newEmbedSite(t, "")
	bob := seedOther(t, s, "/v", "Vote on me.")
	page := edo(t, s, "GET", "/embed/thread?uri=/v&lang=zh-CN", "")
	vf := page.doc.Find(fmt.Sprintf(`#natter-comment-%d form[data-testid="votes"]`, bob))
	action, _ := vf.Attr("action")
	if m, _ := vf.Attr("method"); m != "post" || !strings.Contains(action, fmt.Sprintf("/embed/comments/%d/vote?", bob)) {
		t.Fatalf("vote form: %q %q", m, action)
	}
	if n, _ := vf.Find(`[data-testid="vote-up"]`).Attr("name"); n != "dir" {
		t.Errorf("vote button name = %q", n)
	}
	// htmx posts the form in place, with the clicked button's dir.
	if hp, _ := vf.Attr("hx-post"); hp != action {
		t.Errorf("htmx vote = %q, want the form's action %q", hp, action)
	}
	if v, _ := vf.Find(`[data-testid="vote-up"]`).Attr("value"); v != "up" {
		t.Errorf("vote-up value = %q", v)
	}
	path := nojsPath(t, action)
	for _, origin := range []string{"", "http://evil.example"} {
		h := []string{}
		if origin != "" {
			h = []string{"Origin", origin}
		}
		if r := edo(t, s, "POST", path, eform("dir", "up"), h...); r.StatusCode != 403 {
			t.Errorf("vote from %q: %d", origin, r.StatusCode)
		}
	}
	r := edo(t, s, "POST", path, eform("dir", "up"), "Origin", own, "X-Forwarded-For", "198.51.100.9")
	loc := r.Header.Get("Location")
	if r.StatusCode != 303 || !strings.Contains(loc, "/embed/thread?") || !strings.HasSuffix(loc, fmt.Sprintf("#natter-comment-%d", bob)) {
		t.Fatalf("vote: %d %q", r.StatusCode, loc)
	}
	after := edo(t, s, "GET", nojsPath(t, loc), "")
	if got := after.doc.Find(fmt.Sprintf(`#natter-comment-%d [data-testid="vote-score"]`, bob)).Text(); got != "1" {
		t.Errorf("score = %q", got)
	}
	// From a configured host too; the same address again is refused,
	// inline, in the reader's language.
	r = edo(t, s, "POST", path, eform("dir", "down"), "Origin", blog, "X-Forwarded-For", "198.51.100.9")
	if loc = r.Header.Get("Location"); r.StatusCode != 303 || !strings.Contains(loc, "note=vote_denied") {
		t.Fatalf("second vote: %d %q", r.StatusCode, loc)
	}
	denied := edo(t, s, "GET", nojsPath(t, loc), "")
	if got := denied.doc.Find(fmt.Sprintf(`#natter-comment-%d [data-testid="vote-message"]`, bob)).Text(); !strings.Contains(got, "未计入：你所在网络") {
		t.Errorf("vote refusal = %q", got)
	}
	// A note outside the closed set shows nothing.
	odd := edo(t, s, "GET", "/embed/thread?uri=/v&note=%3Cb%3E&at="+fmt.Sprint(bob), "")
	if odd.doc.Find(`[data-testid="slot-notice"],[data-testid="slot-error"],[data-testid="vote-message"]`).Length() != 0 {
		t.Error("unknown note rendered")
	}
}
