package comment_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/natter/natter/internal/comment"
)

// TestCounts_CachedWithoutSnapshots counts threads without loading them
// and keeps the counts right across writes, with and without a cached
// snapshot of the thread.
func TestCounts_CachedWithoutSnapshots(t *testing.T) {
	svc, s := newService(t)
	ctx := context.Background()
	a := create(t, svc, "/a/", "one", "10.0.1.1", nil)
	create(t, svc, "/a/", "two", "10.0.2.1", &a.ID)
	gone := create(t, svc, "/a/", "three", "10.0.3.1", nil)
	create(t, svc, "/b/", "four", "10.0.4.1", nil)
	uris := []string{"/a/", "/b/", "/a/", "/x/", "\x00not-a-uri"}
	steps := []struct {
		name  string
		write func() error
		want  string
	}{
		{"cold", func() error { return nil }, "[3 1 3 0 0]"},
		{"cached", func() error { return nil }, "[3 1 3 0 0]"},
		{"after a delete", func() error {
			_, err := svc.Delete(ctx, gone.ID, comment.Actor{IP: "10.0.3.1", Token: gone.Token})
			return err
		}, "[2 1 2 0 0]"},
		{"snapshot cached, then a create", func() error {
			if _, err := svc.List(ctx, "/b/", comment.ListQuery{}); err != nil {
				return err
			}
			create(t, svc, "/b/", "five", "10.0.5.1", nil)
			return nil
		}, "[2 2 2 0 0]"},
		{"a new thread", func() error {
			create(t, svc, "/x/", "six", "10.0.6.1", nil)
			return nil
		}, "[2 2 2 1 0]"},
	}
	for _, st := range steps {
		if err := st.write(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		n, err := svc.Counts(ctx, uris)
		if err != nil || fmt.Sprint(n) != st.want {
			t.Errorf("%s: counts %v (%v), want %s", st.name, n, err, st.want)
		}
		if st.name == "cached" && s.Site.Cache.Stats().Spaces["snapshot"] != 0 {
			t.Errorf("counting loaded thread snapshots: %v", s.Site.Cache.Stats().Spaces)
		}
	}
}
