package admin_test

import (
	"strings"
	"testing"
)

// TestAdminProfiles: Go's profiles are behind the admin login.
func TestAdminProfiles(t *testing.T) {
	s := newAdminSite(t)
	anon := &adminClient{t: t, s: s}
	if resp, _ := anon.get("/admin/debug/pprof/", false); resp.StatusCode != 303 {
		t.Errorf("profiles without a session: %d, want a redirect to the login", resp.StatusCode)
	}
	a := login(t, s)
	resp, body := a.get("/admin/debug/pprof/", false)
	if resp.StatusCode != 200 || !strings.Contains(body, "goroutine") {
		t.Errorf("profile index for the admin: %d %.200s", resp.StatusCode, body)
	}
	if resp, body := a.get("/admin/debug/pprof/goroutine?debug=1", false); resp.StatusCode != 200 || !strings.Contains(body, "goroutine profile") {
		t.Errorf("goroutine profile: %d %.200s", resp.StatusCode, body)
	}
}
