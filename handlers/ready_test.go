package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

// TestReadyz_FollowsWriteFaults: /readyz answers 503 while writes fail
// and 200 again by itself once they pass.
func TestReadyz_FollowsWriteFaults(t *testing.T) {
	s := testsite.New(t, testsite.Options{})
	ready := func() int {
		t.Helper()
		resp, err := s.App.Test(httptest.NewRequest("GET", "/readyz", nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		return resp.StatusCode
	}
	if got := ready(); got != http.StatusOK {
		t.Fatalf("readyz = %d before the fault", got)
	}
	db := s.Site.DB
	if err := db.Writer().Exec("PRAGMA query_only = 1").Error; err != nil {
		t.Fatal(err)
	}
	// A reader's comment meets the fault.
	text := "hello"
	in := comment.CreateInput{Input: comment.Input{Text: &text}, URI: "/p"}
	if _, err := s.Site.Comments.Create(t.Context(), in, comment.Actor{IP: "192.0.2.1"}); err == nil {
		t.Fatal("comment accepted by a read-only database")
	}
	if got := ready(); got != http.StatusServiceUnavailable {
		t.Errorf("readyz = %d while writes fail, want 503", got)
	}
	if err := db.Writer().Exec("PRAGMA query_only = 0").Error; err != nil {
		t.Fatal(err)
	}
	if got := ready(); got != http.StatusOK {
		t.Errorf("readyz = %d after the fault went, want 200", got)
	}
}
