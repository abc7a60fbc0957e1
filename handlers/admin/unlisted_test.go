package admin_test

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDashboardNamesUnlistedOrigins: a page of a site missing from
// [general] host that asks for comments shows up on the dashboard, with
// how to fix it.
func TestDashboardNamesUnlistedOrigins(t *testing.T) {
	s := newAdminSite(t)
	req := httptest.NewRequest("GET", "/embed/thread?uri=/p", nil)
	req.Header.Set("Origin", "https://forgotten.example")
	req.Header.Set("HX-Request", "true")
	if _, err := s.App.Test(req); err != nil {
		t.Fatal(err)
	}
	a := login(t, s)
	_, body := a.get("/admin/dashboard", false)
	if !strings.Contains(body, `data-testid="unlisted-origin"`) || !strings.Contains(body, "https://forgotten.example") || !strings.Contains(body, "[general] host") {
		t.Errorf("dashboard does not name the unlisted origin:\n%.2000s", body)
	}
}
