package admin_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
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

// TestAdminDashboard_ShowsDamagedDatabase: the quick_check warning (a
// server runs the check in the background once it serves) reaches the
// dashboard with the file's path.
func TestAdminDashboard_ShowsDamagedDatabase(t *testing.T) {
	s := newFileAdminSite(t)
	// A table the panel never reads fills the last pages, which get
	// damaged: the panel still works and must tell.
	err := s.Site.DB.Writer().Exec(`CREATE TABLE junk (x BLOB)`).Error
	if err == nil {
		err = s.Site.DB.Writer().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
			INSERT INTO junk SELECT randomblob(100) FROM n`).Error
	}
	if err != nil {
		t.Fatal(err)
	}
	path := s.Site.DBPath
	if err := s.Site.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xa5}, 3*4096), info.Size()-3*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s = testsite.New(t, testsite.Options{Config: adminConfig, DBPath: path})
	s.Site.DB.QuickCheck(t.Context())
	a := login(t, s)
	_, body := a.get("/admin/dashboard", false)
	if !strings.Contains(body, "quick_check") || !strings.Contains(body, path) {
		t.Errorf("the dashboard does not show the damaged database %s", path)
	}
}
