package embed_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
)

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
