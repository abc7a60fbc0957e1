package embed_test

import (
	"strings"
	"testing"
)

// TestEmbedOwnCommentByToken: in the widget "your own comment" is the one
// whose token you hold. Another reader behind the same address (same /24)
// may reply to it and is told, if their vote is refused, that it is one
// vote per network; the author is refused the reply-to-self and told they
// cannot vote on their own comment.
func TestEmbedOwnCommentByToken(t *testing.T) {
	s := newEmbedSite(t, "[guard]\nratelimit = 10\n")
	r := edo(t, s, "POST", "/embed/comments?uri=/o", eform("text", "Ann's comment"), hx...)
	if r.StatusCode != 201 {
		t.Fatalf("create: %d %s", r.StatusCode, r.body)
	}
	id, tok := tokenOf(t, r)
	mine := append([]string{"X-Natter-Token", tok}, hx...)

	other := edo(t, s, "POST", "/embed/comments?uri=/o", eform("text", "A neighbour answers", "parent", id), hx...)
	if other.StatusCode != 201 {
		t.Errorf("a reader on the same network cannot reply: %d %s", other.StatusCode, other.body)
	}
	self := edo(t, s, "POST", "/embed/comments?uri=/o", eform("text", "Replying to myself", "parent", id), mine...)
	if self.StatusCode != 422 || !strings.Contains(self.body, "reply to your own comment") {
		t.Errorf("reply to self: %d %.300s", self.StatusCode, self.body)
	}

	for _, tc := range []struct {
		name    string
		headers []string
		want    string
	}{
		{"author", mine, "You cannot vote on your own comment."},
		{"neighbour", hx, "someone on your network (perhaps you) already voted on this comment or wrote it"},
	} {
		v := edo(t, s, "POST", "/embed/comments/"+id+"/vote?dir=up&uri=/o", "", tc.headers...)
		if got := v.doc.Find(`[data-testid="vote-message"]`).Text(); !strings.Contains(got, tc.want) {
			t.Errorf("%s's vote: message %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestEmbedNoJSEditPreview: the plain page's Preview in an edit form shows
// the rendered text and saves nothing.
func TestEmbedNoJSEditPreview(t *testing.T) {
	s := newEmbedSite(t, "")
	r := edo(t, s, "POST", "/embed/comments?uri=/p", eform("text", "Original text"), hx...)
	id, tok := tokenOf(t, r)
	p := edo(t, s, "POST", "/embed/comments/"+id+"/edit?uri=/p", eform("text", "New *text*", "preview", "1"),
		"Origin", blog, "X-Natter-Token", tok)
	if p.StatusCode != 200 || p.doc.Find(`[data-testid="edit-form"] [data-testid="preview-body"] em`).Length() != 1 {
		t.Fatalf("preview: %d %.300s", p.StatusCode, p.body)
	}
	if got := p.doc.Find(`[data-testid="edit-text"]`).Text(); got != "New *text*" {
		t.Errorf("text in the form = %q", got)
	}
	after := edo(t, s, "GET", "/embed/thread?uri=/p", "", hx...)
	if got := after.doc.Find(`[data-testid="comment-body"]`).Text(); !strings.Contains(got, "Original text") {
		t.Errorf("a preview saved the text: %q", got)
	}
}
