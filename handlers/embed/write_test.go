package embed_test

import (
	"strings"
	"testing"
)

func tokenOf(t *testing.T, r eresp) (string, string) {
	t.Helper()
	h := r.Header.Get("X-Natter-Token")
	id, rest, ok := strings.Cut(h, ":")
	tok, _, _ := strings.Cut(rest, ";")
	if !ok || tok == "" {
		t.Fatalf("no token header: %q", h)
	}
	return id, id + ":" + tok
}

func TestEmbedWriteFlow(t *testing.T) {
	s := newEmbedSite(t, "[guard]\nreply-to-self = true\n")
	r := edo(t, s, "POST", "/embed/comments?uri=/w", eform("text", "Hello **world**", "author", "Ann <3", "website", "ann.example"), hx...)
	if r.StatusCode != 201 {
		t.Fatalf("create: %d %s", r.StatusCode, r.body)
	}
	id, tok := tokenOf(t, r)
	if !strings.Contains(r.Header.Get("X-Natter-Token"), "max-age=900") {
		t.Errorf("token header lacks max-age: %q", r.Header.Get("X-Natter-Token"))
	}
	ck := r.Header.Get("Set-Cookie")
	for _, want := range []string{"natter-" + id + "=", "Path=/embed", "HttpOnly", "Max-Age=900"} {
		if !strings.Contains(ck, want) {
			t.Errorf("cookie %q lacks %s", ck, want)
		}
	}
	if got := r.doc.Find(`[data-testid="comment-author"]`).Text(); got != "Ann <3" {
		t.Errorf("author = %q", got)
	}
	if href, _ := r.doc.Find(`a[data-testid="comment-author"]`).Attr("href"); href != "http://ann.example" {
		t.Errorf("website = %q", href)
	}
	if r.doc.Find(`[hx-swap-oob][id$="-count"]`).Length() != 1 || r.doc.Find(`[data-testid="live"]`).Text() == "" {
		t.Error("count or live region not updated out of band")
	}
	if r.doc.Find(`[data-testid="edit"]`).Length() != 1 {
		t.Error("author sees no edit button")
	}
	// Reader without the token: no edit controls; with it: edit form.
	anon := edo(t, s, "GET", "/embed/thread?uri=/w", "", hx...)
	if anon.doc.Find(`[data-testid="edit"]`).Length() != 0 {
		t.Error("edit shown to a stranger")
	}
	own := edo(t, s, "GET", "/embed/thread?uri=/w", "", withHX("X-Natter-Token", tok)...)
	if own.doc.Find(`[data-testid="edit"]`).Length() != 1 || own.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("owner view: edit=%d cache=%q", own.doc.Find(`[data-testid="edit"]`).Length(), own.Header.Get("Cache-Control"))
	}
	ef := edo(t, s, "GET", "/embed/comments/"+id+"/edit?uri=/w", "", withHX("X-Natter-Token", tok)...)
	if got := ef.doc.Find(`[data-testid="edit-text"]`).Text(); got != "Hello **world**" {
		t.Errorf("edit form text = %q", got)
	}
	if r := edo(t, s, "GET", "/embed/comments/"+id+"/edit?uri=/w", "", hx...); r.StatusCode != 403 {
		t.Errorf("edit form without token: %d", r.StatusCode)
	}
	// Edit: too short, then fine.
	bad := edo(t, s, "PUT", "/embed/comments/"+id+"?uri=/w", eform("text", "no"), withHX("X-Natter-Token", tok)...)
	if bad.StatusCode != 422 || !strings.Contains(bad.doc.Find(`[data-testid="form-error"]`).Text(), "too short") {
		t.Errorf("short edit: %d %s", bad.StatusCode, bad.body)
	}
	ok := edo(t, s, "PUT", "/embed/comments/"+id+"?uri=/w", eform("text", "Edited text"), withHX("X-Natter-Token", tok)...)
	if ok.StatusCode != 200 || ok.doc.Find(`[data-testid="comment-edited"]`).Length() != 1 {
		t.Fatalf("edit: %d %s", ok.StatusCode, ok.body)
	}
	_, tok2 := tokenOf(t, ok)
	if r := edo(t, s, "PUT", "/embed/comments/"+id+"?uri=/w", eform("text", "Again"), withHX("X-Natter-Token", tok)...); r.StatusCode != 403 {
		t.Errorf("old token after edit: %d", r.StatusCode)
	}
	// Vote: the author's own address is refused, politely.
	v := edo(t, s, "POST", "/embed/comments/"+id+"/vote?dir=up&uri=/w", "", hx...)
	if v.StatusCode != 200 || v.doc.Find(`[data-testid="vote-message"]`).Length() != 1 {
		t.Errorf("own vote: %d %s", v.StatusCode, v.body)
	}
	v = edo(t, s, "POST", "/embed/comments/"+id+"/vote?dir=up&uri=/w", "", withHX("X-Forwarded-For", "198.51.100.7")...)
	_ = v
	// Preview.
	pv := edo(t, s, "POST", "/embed/preview?uri=/w", eform("text", "*hi*"), hx...)
	if pv.doc.Find(`[data-testid="preview-body"] em`).Length() != 1 {
		t.Errorf("preview: %s", pv.body)
	}
	// Reply, then delete the parent: a placeholder stays.
	rep := edo(t, s, "POST", "/embed/comments?uri=/w", eform("text", "A reply", "parent", id), hx...)
	if rep.StatusCode != 201 || !strings.Contains(rep.body, `beforeend:#natter-replies-`+id) {
		t.Fatalf("reply: %d %s", rep.StatusCode, rep.body)
	}
	if edo(t, s, "GET", "/embed/comments/"+id+"/delete?uri=/w", "", withHX("X-Natter-Token", tok2)...).doc.Find(`[data-testid="confirm-delete-yes"]`).Length() != 1 {
		t.Error("no delete confirmation")
	}
	del := edo(t, s, "DELETE", "/embed/comments/"+id+"?uri=/w", "", withHX("X-Natter-Token", tok2)...)
	if del.StatusCode != 200 || del.doc.Find(`[data-testid="comment-deleted"]`).Length() != 1 || del.Header.Get("X-Natter-Token-Drop") != id {
		t.Errorf("delete with replies: %d %v %s", del.StatusCode, del.Header, del.body)
	}
	// Deleting the reply (no token) is refused inline, in the reply slot.
	rid, _ := tokenOf(t, rep)
	no := edo(t, s, "DELETE", "/embed/comments/"+rid+"?uri=/w", "", hx...)
	if no.StatusCode != 403 || no.Header.Get("HX-Retarget") != "#natter-slot-"+rid {
		t.Errorf("delete without token: %d %v", no.StatusCode, no.Header)
	}
}
