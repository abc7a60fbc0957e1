package admin_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/natter/natter/internal/testsite"
)

// TestAdminNoInlineStyles: the panel (which shares views/components with
// the widget) emits no style attribute or element, so its CSP allows no
// inline style; it shows a pending comment through the card's pending
// state in the moderator's words.
func TestAdminNoInlineStyles(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/styles", "one", "two", "three")
	a := login(t, s)
	if resp, _ := a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), form(a, "back", "/admin/"), false); resp.StatusCode >= 400 {
		t.Fatalf("approve = %d", resp.StatusCode)
	}
	if resp, _ := a.post(fmt.Sprintf("/admin/comments/%d/delete", ids[1]), form(a, "back", "/admin/"), false); resp.StatusCode >= 400 {
		t.Fatalf("delete = %d", resp.StatusCode)
	}
	resp, body := a.get("/admin/?state=pending", false)
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("admin CSP = %q", csp)
	}
	testsite.NoInlineStyle(t, "pending queue", body)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	card := doc.Find(fmt.Sprintf(`[data-testid="admin-row"][data-comment-id="%d"]`, ids[2]))
	if got := card.Find(`[data-testid="comment-pending"]`).Text(); got != "Pending approval" {
		t.Errorf("admin pending label = %q", got)
	}
	if v, _ := card.Find(`article[data-testid="comment"]`).Attr("data-pending"); v != "true" {
		t.Error("admin card not in the pending state")
	}
	if strings.Contains(body, "Only you can see") {
		t.Error("admin shows the author's pending notice")
	}
	for _, path := range []string{"/admin/?state=approved", "/admin/?state=deleted", "/admin/dashboard", "/admin/threads"} {
		resp, body := a.get(path, false)
		if resp.StatusCode != 200 {
			t.Errorf("%s = %d", path, resp.StatusCode)
		}
		testsite.NoInlineStyle(t, path, body)
	}
	_, body = a.get("/admin/?state=approved", false)
	if strings.Contains(body, `data-testid="comment-pending"`) {
		t.Error("approved comment shown as pending")
	}

}
