package admin_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAdmin_DatabaseUnavailable: a change the database refuses for now
// answers 503 with Retry-After and says why, instead of a bare 500.
func TestAdmin_DatabaseUnavailable(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "pending comment")
	a := login(t, s)
	if err := s.Site.DB.Writer().Exec("PRAGMA query_only = 1").Error; err != nil {
		t.Fatal(err)
	}
	resp, body := a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), form(a), true)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		!strings.Contains(body, "full disk") {
		t.Errorf("approve = %d, Retry-After %q, body %q", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
}
