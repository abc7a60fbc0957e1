package admin_test

import (
	"maps"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

// restart closes s and opens the same database file again with config,
// as a restarted process would.
func restart(t *testing.T, s *testsite.Site, config string) *testsite.Site {
	t.Helper()
	path := s.Site.DBPath
	if err := s.Site.Close(); err != nil {
		t.Fatal(err)
	}
	return testsite.New(t, testsite.Options{Config: config, DBPath: path})
}

// refused reports whether cookies no longer open the panel on s.
func refused(t *testing.T, s *testsite.Site, cookies map[string]string) bool {
	t.Helper()
	a := &adminClient{t: t, s: s, cookies: maps.Clone(cookies)}
	resp, _ := a.get("/admin/", false)
	return resp.StatusCode == http.StatusSeeOther && strings.Contains(resp.Header.Get("Location"), "/login/")
}

func newFileAdminSite(t *testing.T) *testsite.Site {
	t.Helper()
	return testsite.New(t, testsite.Options{Config: adminConfig, DBPath: filepath.Join(t.TempDir(), "comments.db")})
}

// TestAdminLogout_SurvivesRestart: a logged-out cookie stays refused after
// the process restarts on the same database.
func TestAdminLogout_SurvivesRestart(t *testing.T) {
	s := newFileAdminSite(t)
	a := login(t, s)
	saved := maps.Clone(a.cookies)
	if resp, _ := a.post("/admin/logout", form(a), false); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout = %d", resp.StatusCode)
	}
	s = restart(t, s, adminConfig)
	if !refused(t, s, saved) {
		t.Fatal("a logged-out session opens the panel again after a restart")
	}
	// A session that did not log out still works after the restart.
	b := login(t, s)
	kept := maps.Clone(b.cookies)
	s = restart(t, s, adminConfig)
	if refused(t, s, kept) {
		t.Fatal("a live session was lost in the restart")
	}
}

// TestAdminLogoutEverywhere ends every session, the other browser's too.
func TestAdminLogoutEverywhere(t *testing.T) {
	s := newFileAdminSite(t)
	a, b := login(t, s), login(t, s)
	other := maps.Clone(b.cookies)
	if _, body := a.get("/admin/", false); !strings.Contains(body, `/admin/logout-all"`) || !strings.Contains(body, `data-testid="logout-all"`) {
		t.Error("the panel has no log-out-everywhere form")
	}
	resp, _ := a.post("/admin/logout-all", form(a), false)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/login/") {
		t.Fatalf("logout-all = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if len(a.cookies) != 0 {
		t.Errorf("cookies left after logout-all: %v", a.cookies)
	}
	if !refused(t, s, other) {
		t.Fatal("the other browser's session survived log-out-everywhere")
	}
	s = restart(t, s, adminConfig)
	if !refused(t, s, other) {
		t.Fatal("the other browser's session came back after a restart")
	}
	// Without the CSRF token nothing happens.
	c := login(t, s)
	if resp, _ := c.post("/admin/logout-all", nil, false); resp.StatusCode != http.StatusForbidden {
		t.Errorf("logout-all without token = %d", resp.StatusCode)
	}
}

// TestAdminPasswordChange_EndsSessions: a new password in the
// configuration signs every session out.
func TestAdminPasswordChange_EndsSessions(t *testing.T) {
	s := newFileAdminSite(t)
	a := login(t, s)
	saved := maps.Clone(a.cookies)
	changed := strings.Replace(adminConfig, "correct-horse-battery", "another-long-password", 1)
	s = restart(t, s, changed)
	if !refused(t, s, saved) {
		t.Fatal("a session from before the password change still works")
	}
}
