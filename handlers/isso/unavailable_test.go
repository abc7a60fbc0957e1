package isso_test

import (
	"net/http"
	"testing"
)

// TestNew_DatabaseUnavailable: while the database refuses writes (here:
// query_only, as a read-only file does), POST /new answers Isso's 503 with
// Retry-After instead of a 500, and works again once writes pass.
func TestNew_DatabaseUnavailable(t *testing.T) {
	s := newSite(t, "")
	if err := s.Site.DB.Writer().Exec("PRAGMA query_only = 1").Error; err != nil {
		t.Fatal(err)
	}
	r := postRaw(t, s, "/post", map[string]any{"text": "hello there"}, map[string]string{"Accept": "application/json"})
	wantError(t, r, http.StatusServiceUnavailable, "503 Service Unavailable: The server is temporarily unable")
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	if err := s.Site.DB.Writer().Exec("PRAGMA query_only = 0").Error; err != nil {
		t.Fatal(err)
	}
	post(t, s, "/post", map[string]any{"text": "hello again"})
}
