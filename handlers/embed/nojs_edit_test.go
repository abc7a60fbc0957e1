package embed_test

import (
	"fmt"
	"strings"
	"testing"
)

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
