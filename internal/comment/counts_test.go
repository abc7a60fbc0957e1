package comment_test

import (
	"context"
	"fmt"
	"sync"
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

// TestVotes_ConcurrentPatchesKeepTheLatest votes on one comment from many
// addresses at once while readers keep its thread cached: each vote
// patches the snapshot, and the last patch must carry every vote.
func TestVotes_ConcurrentPatchesKeepTheLatest(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	c := create(t, svc, "/v/", "vote on me", "10.0.0.1", nil)
	const n = 30
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			v, err := svc.Vote(ctx, c.ID, true, comment.Actor{IP: fmt.Sprintf("10.1.%d.1", i)})
			if err == nil && v.Denied != 0 {
				err = fmt.Errorf("vote %d denied: %s", i, v.Message)
			}
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := svc.List(ctx, "/v/", comment.ListQuery{})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	l, err := svc.List(ctx, "/v/", comment.ListQuery{})
	if err != nil || len(l.Items) != 1 || l.Items[0].Likes != n {
		t.Fatalf("after %d votes the listing says %+v (%v)", n, l.Items, err)
	}
}
