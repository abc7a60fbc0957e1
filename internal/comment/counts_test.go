package comment_test

import (
	"context"
	"testing"

	"github.com/natter/natter/internal/comment"
)

// TestCountsWithoutLoadingThreads: counts are right for cached and
// uncached threads alike, and counting cold threads does not load them
// whole into the cache (one query instead of a snapshot per thread).
func TestCountsWithoutLoadingThreads(t *testing.T) {
	s := site(t, "", "", "[moderation]\nenabled = true\n")
	svc, ctx := s.Site.Comments, context.Background()
	for _, c := range []struct {
		uri      string
		approved int
		pending  int
	}{{"/a", 2, 1}, {"/b", 0, 1}, {"/c", 3, 0}} {
		for i := range c.approved + c.pending {
			created := post(t, s, text(c.uri, "comment text", nil), "10.0.0.1")
			if i < c.approved {
				if _, err := svc.Activate(ctx, created.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	before := s.Site.Cache.Stats().Spaces["snapshot"]
	got, err := svc.Counts(ctx, []string{"/a", "/b", "/c", "/none"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{2, 0, 3, 0}; len(got) != 4 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Errorf("counts = %v, want %v", got, want)
	}
	if after := s.Site.Cache.Stats().Spaces["snapshot"]; after > before {
		t.Errorf("counting loaded snapshots: %d → %d bytes", before, after)
	}
	if _, err := svc.List(ctx, "/a", comment.ListQuery{}); err != nil { // now cached
		t.Fatal(err)
	}
	if got, _ := svc.Counts(ctx, []string{"/a", "/c"}); got[0] != 2 || got[1] != 3 {
		t.Errorf("counts with /a cached = %v", got)
	}
}
