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

// TestEmbedNoJSMoreReplies: a reader without JavaScript (or a crawler)
// reaches every reply of a long reply list through a plain link.
func TestEmbedNoJSMoreReplies(t *testing.T) {
	s := newEmbedSite(t, "")
	parent := seedOther(t, s, "/long", "A comment with many replies.")
	for i := range 8 {
		text := fmt.Sprintf("Reply number %d here.", i)
		author := "Bob"
		if _, err := s.Site.Comments.Create(context.Background(), comment.CreateInput{
			Input: comment.Input{Text: &text, Author: &author}, Parent: &parent, URI: "/long"}, comment.Actor{IP: fmt.Sprintf("10.%d.9.1", i+20)}); err != nil {
			t.Fatal(err)
		}
	}
	replies := func(r eresp) int { return r.doc.Find(`[data-testid="comment"]`).Length() - 1 }
	page := edo(t, s, "GET", "/embed/thread?uri=/long", "")
	more := page.doc.Find(`a[data-testid="more-replies"]`)
	href, ok := more.Attr("href")
	if n := replies(page); !ok || n >= 8 {
		t.Fatalf("plain page shows %d of 8 replies and more-replies href %q", n, href)
	}
	if _, ok := more.Attr("hx-get"); !ok {
		t.Error("the widget lost its in-place paging")
	}
	all := edo(t, s, "GET", nojsPath(t, href), "")
	if all.StatusCode != 200 || replies(all) != 8 || all.doc.Find(`[data-testid="more-replies"]`).Length() != 0 {
		t.Errorf("following %s: %d, %d replies", href, all.StatusCode, replies(all))
	}
	if !strings.HasSuffix(href, fmt.Sprintf("#natter-comment-%d", parent)) {
		t.Errorf("href %q does not return to the comment", href)
	}
	// "All replies" stays all whatever the top-level page size: Isso's
	// paging of replies applies only when no nested limit is given.
	if r := edo(t, s, "GET", "/embed/thread?uri=/long&nested=-1&limit=1", ""); replies(r) != 8 {
		t.Errorf("nested=-1&limit=1 shows %d replies, want 8", replies(r))
	}
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
	if hp, _ := vf.Find(`[data-testid="vote-up"]`).Attr("hx-post"); !strings.Contains(hp, "dir=up") {
		t.Errorf("htmx vote = %q", hp)
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
	if got := denied.doc.Find(fmt.Sprintf(`#natter-comment-%d [data-testid="vote-message"]`, bob)).Text(); !strings.Contains(got, "投票未计入") {
		t.Errorf("vote refusal = %q", got)
	}
	// A note outside the closed set shows nothing.
	odd := edo(t, s, "GET", "/embed/thread?uri=/v&note=%3Cb%3E&at="+fmt.Sprint(bob), "")
	if odd.doc.Find(`[data-testid="slot-notice"],[data-testid="slot-error"],[data-testid="vote-message"]`).Length() != 0 {
		t.Error("unknown note rendered")
	}
}

func TestEmbedNoJSEditDelete(t *testing.T) {
	s := newEmbedSite(t, "")
	id, cookie := nojsPost(t, s, "/d", "My own comment")
	bob := seedOther(t, s, "/d", "Someone else's.")

	// With the cookie the page shows edit and delete links; without, none.
	page := edo(t, s, "GET", "/embed/thread?uri=/d", "", "Cookie", cookie)
	edit, _ := page.doc.Find(`#natter-comment-` + id + ` a[data-testid="edit"]`).Attr("href")
	del, _ := page.doc.Find(`#natter-comment-` + id + ` a[data-testid="delete"]`).Attr("href")
	if !strings.Contains(edit, "edit="+id) || !strings.Contains(del, "delete="+id) {
		t.Fatalf("edit/delete links: %q %q", edit, del)
	}
	if edo(t, s, "GET", "/embed/thread?uri=/d", "").doc.Find(`[data-testid="edit"]`).Length() != 0 {
		t.Error("edit link shown to a stranger")
	}

	// Edit state: the form replaces the card; a stranger gets a refusal.
	ep := edo(t, s, "GET", nojsPath(t, edit), "", "Cookie", cookie)
	ef := ep.doc.Find(`form[data-testid="edit-form"]`)
	action, _ := ef.Attr("action")
	if m, _ := ef.Attr("method"); m != "post" || !strings.HasSuffix(strings.Split(action, "?")[0], "/embed/comments/"+id+"/edit") || ef.Find("textarea").Text() != "My own comment" {
		t.Fatalf("edit form: %q %q %.500s", m, action, ep.body)
	}
	if hp, _ := ef.Attr("hx-put"); hp == "" {
		t.Error("edit form lost hx-put")
	}
	stranger := edo(t, s, "GET", nojsPath(t, edit), "")
	if stranger.doc.Find(`form[data-testid="edit-form"]`).Length() != 0 || !strings.Contains(stranger.doc.Find(`#natter-slot-`+id+` [data-testid="slot-error"]`).Text(), "cannot change") {
		t.Errorf("edit page for a stranger: %.500s", stranger.body)
	}
	other := edo(t, s, "GET", fmt.Sprintf("/embed/thread?uri=/d&edit=%d", bob), "", "Cookie", cookie)
	if other.doc.Find(`form[data-testid="edit-form"]`).Length() != 0 {
		t.Error("edit form for someone else's comment")
	}

	path := nojsPath(t, action)
	// The guard: no token, or a foreign origin, is refused.
	if r := edo(t, s, "POST", path, eform("text", "Hijacked"), "Origin", own); r.StatusCode != 403 {
		t.Errorf("edit without token: %d", r.StatusCode)
	}
	if r := edo(t, s, "POST", path, eform("text", "Hijacked"), "Origin", "http://evil.example", "Cookie", cookie); r.StatusCode != 403 {
		t.Errorf("edit from a foreign origin: %d", r.StatusCode)
	}
	if r := edo(t, s, "POST", path, eform("text", "Hijacked"), "Cookie", cookie); r.StatusCode != 403 {
		t.Errorf("edit without origin: %d", r.StatusCode)
	}
	if r := edo(t, s, "POST", "/embed/comments/"+fmt.Sprint(bob)+"/edit?uri=/d", eform("text", "Hijacked"), "Origin", own, "Cookie", cookie); r.StatusCode != 403 {
		t.Errorf("edit of another comment with my cookie: %d", r.StatusCode)
	}
	// Too short: the page again, the form with the text and the message.
	bad := edo(t, s, "POST", path, eform("text", "no"), "Origin", own, "Cookie", cookie)
	if bad.StatusCode != 422 || bad.doc.Find(`form[data-testid="edit-form"] textarea`).Text() != "no" ||
		!strings.Contains(bad.doc.Find(`form[data-testid="edit-form"] [data-testid="form-error"]`).Text(), "too short") {
		t.Fatalf("short edit: %d %.600s", bad.StatusCode, bad.body)
	}
	ok := edo(t, s, "POST", path, eform("text", "Edited without JS"), "Origin", own, "Cookie", cookie)
	loc := ok.Header.Get("Location")
	if ok.StatusCode != 303 || !strings.Contains(loc, "note=edited") || !strings.HasSuffix(loc, "#natter-comment-"+id) {
		t.Fatalf("edit: %d %q", ok.StatusCode, loc)
	}
	cookie2, _, _ := strings.Cut(ok.Header.Get("Set-Cookie"), ";")
	if !strings.HasPrefix(cookie2, "natter-"+id+"=") || cookie2 == cookie {
		t.Fatalf("renewed cookie = %q", cookie2)
	}
	after := edo(t, s, "GET", nojsPath(t, loc), "", "Cookie", cookie2)
	if !strings.Contains(after.doc.Find(`#natter-comment-`+id).Text(), "Edited without JS") ||
		after.doc.Find(`#natter-slot-`+id+` [data-testid="slot-notice"]`).Length() != 1 {
		t.Errorf("after edit: %.800s", after.body)
	}

	// Delete: the confirmation is a form; posting it deletes and drops the cookie.
	dp := edo(t, s, "GET", nojsPath(t, del), "", "Cookie", cookie2)
	cf := dp.doc.Find(`#natter-slot-` + id + ` form[data-testid="confirm-delete"]`)
	daction, _ := cf.Attr("action")
	if m, _ := cf.Attr("method"); m != "post" || !strings.Contains(daction, "/embed/comments/"+id+"/delete?") {
		t.Fatalf("confirm form: %q %q", m, daction)
	}
	if hd, _ := cf.Find(`[data-testid="confirm-delete-yes"]`).Attr("hx-delete"); hd == "" {
		t.Error("confirmation lost hx-delete")
	}
	dpath := nojsPath(t, daction)
	if r := edo(t, s, "POST", dpath, eform("x", "1"), "Origin", own, "Cookie", cookie); r.StatusCode != 403 {
		t.Errorf("delete with the stale cookie: %d", r.StatusCode)
	}
	if r := edo(t, s, "POST", dpath, eform("x", "1"), "Origin", own); r.StatusCode != 403 {
		t.Errorf("delete without token: %d", r.StatusCode)
	}
	d := edo(t, s, "POST", dpath, eform("x", "1"), "Origin", own, "Cookie", cookie2)
	loc = d.Header.Get("Location")
	if d.StatusCode != 303 || !strings.Contains(loc, "note=deleted") || !strings.Contains(d.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("delete: %d %q %q", d.StatusCode, loc, d.Header.Get("Set-Cookie"))
	}
	gone := edo(t, s, "GET", nojsPath(t, loc), "")
	if gone.doc.Find(`#natter-comment-`+id).Length() != 0 || !strings.Contains(gone.doc.Find(`[data-testid="form-notice"]`).Text(), "deleted") {
		t.Errorf("after delete: %.800s", gone.body)
	}
}

// The htmx flow is unchanged by the no-JS routes: PUT/DELETE and
// hx-post votes answer with fragments.
func TestEmbedNoJSLeavesHTMXAlone(t *testing.T) {
	s := newEmbedSite(t, "")
	bob := seedOther(t, s, "/h", "Vote on me.")
	v := edo(t, s, "POST", fmt.Sprintf("/embed/comments/%d/vote?dir=up&uri=/h", bob), "", withHX("X-Forwarded-For", "198.51.100.3")...)
	if v.StatusCode != 200 || v.doc.Find(`form[data-testid="votes"] [data-testid="vote-score"]`).Text() != "1" || strings.Contains(v.body, "<html") {
		t.Errorf("htmx vote: %d %s", v.StatusCode, v.body)
	}
	// The new POST edit route, reached by htmx, still needs the token.
	if r := edo(t, s, "POST", fmt.Sprintf("/embed/comments/%d/edit?uri=/h", bob), eform("text", "nope nope"), hx...); r.StatusCode != 403 {
		t.Errorf("htmx edit without token: %d", r.StatusCode)
	}
}

// TestEmbedNoJSPreview: the plain form's Preview button answers the page
// with the rendered text in the form's preview slot, the values kept, and
// nothing stored; for a reply, under its comment.
func TestEmbedNoJSPreview(t *testing.T) {
	s := newEmbedSite(t, "")
	bob := seedOther(t, s, "/p", "Bob wrote this.")
	tests := []struct {
		name, form string
		extra      []string
	}{
		{"post form", `[data-testid="post-form"]`, nil},
		{"reply form", fmt.Sprintf(`#natter-slot-%d [data-testid="reply-form"]`, bob), []string{"parent", fmt.Sprint(bob)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := eform(append([]string{"uri", "/p", "text", "Hello *there*", "author", "Ann", "preview", "1"}, tt.extra...)...)
			r := edo(t, s, "POST", "/embed/comments", body, "Origin", own)
			if r.StatusCode != 200 {
				t.Fatalf("preview = %d %s", r.StatusCode, r.body)
			}
			form := r.doc.Find(tt.form)
			if got := form.Find(`[data-testid="preview-body"] em`).Text(); got != "there" {
				t.Errorf("preview shows %q", got)
			}
			if form.Find(`textarea[name="text"]`).Text() != "Hello *there*" || form.Find(`input[name="author"]`).AttrOr("value", "") != "Ann" {
				t.Error("values not kept")
			}
		})
	}
	if n, _ := s.Site.Comments.Counts(context.Background(), []string{"/p"}); n[0] != 1 {
		t.Errorf("%d comments after previews, want only Bob's", n[0])
	}
}

// TestEmbedPlainFragment: fragment=plain is the plain page's root alone
// (what the loader inlines beside htmx 4); its form posts back to the host
// page when page= names a configured host, else to Natter's page.
func TestEmbedPlainFragment(t *testing.T) {
	s := newEmbedSite(t, "")
	seedOther(t, s, "/f", "Bob wrote this.")
	tests := []struct{ page, wantReturn string }{
		{blog + "/f", blog + "/f"},
		{"http://evil.example/f", own + "/embed/thread?"},
	}
	for _, tt := range tests {
		r := edo(t, s, "GET", "/embed/thread?uri=/f&fragment=plain&page="+url.QueryEscape(tt.page), "", "Origin", blog)
		if r.StatusCode != 200 || strings.Contains(r.body, "<html") || r.doc.Find(`[data-testid="natter-root"]`).Length() != 1 {
			t.Fatalf("%s: %d %.200s", tt.page, r.StatusCode, r.body)
		}
		form := r.doc.Find(`form[data-testid="post-form"]`)
		if action, _ := form.Attr("action"); action != own+"/embed/comments" {
			t.Errorf("%s: form action %q", tt.page, action)
		}
		if ret := form.Find(`input[name="return"]`).AttrOr("value", ""); !strings.HasPrefix(ret, tt.wantReturn) {
			t.Errorf("%s: return = %q, want %s…", tt.page, ret, tt.wantReturn)
		}
		// Vote forms come back to the host page too, and only to a host's.
		voteReturn := r.doc.Find(`form[data-testid="votes"] input[name="return"]`).AttrOr("value", "")
		if hostPage := strings.HasPrefix(tt.wantReturn, blog); (voteReturn == tt.page) != hostPage {
			t.Errorf("%s: vote form return = %q", tt.page, voteReturn)
		}
		if r.Header.Get("Access-Control-Allow-Origin") != blog {
			t.Errorf("%s: no CORS for the loader's fetch", tt.page)
		}
	}
	// The vote itself: back to the host page named by return=, at the
	// comment; a return= on a foreign host is ignored.
	for _, tt := range []struct{ ret, want string }{
		{blog + "/f#old", blog + "/f#natter-comment-1"},
		{"http://evil.example/f", own + "/embed/thread?"},
	} {
		r := edo(t, s, "POST", "/embed/comments/1/vote?uri=/f", eform("dir", "up", "return", tt.ret), "Origin", blog)
		if loc := r.Header.Get("Location"); r.StatusCode != 303 || !strings.HasPrefix(loc, tt.want) {
			t.Errorf("vote with return %s: %d %q, want %s…", tt.ret, r.StatusCode, loc, tt.want)
		}
	}
}
