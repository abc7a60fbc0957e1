package comment_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
	nattersite "github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/testsite"
)

// budgetSite is a site whose cache holds 1MB, the least the configuration
// accepts, so a test can overflow it with a few hundred comments.
func budgetSite(t *testing.T) (*comment.Service, *testsite.Site) {
	t.Helper()
	s := testsite.New(t, testsite.Options{Config: cfg + "[natter]\ncache-budget = 1MB\n"})
	return s.Site.Comments, s
}

// fill creates threads of big comments until their snapshots and
// renderings together weigh several times the budget.
func fill(t *testing.T, svc *comment.Service, threads int) {
	t.Helper()
	text := strings.Repeat("*lorem* ipsum ", 600) // ~8 kB of Markdown, ~16 kB with its HTML
	for i := range threads {
		for j := range 3 {
			create(t, svc, fmt.Sprintf("/t/%d/", i), fmt.Sprint(text, i, j), fmt.Sprintf("10.1.%d.%d", i, j), nil)
		}
		listed(t, svc, fmt.Sprintf("/t/%d/", i))
	}
}

func TestCache_SnapshotsAndMarkdownStayUnderBudget(t *testing.T) {
	svc, s := budgetSite(t)
	fill(t, svc, 40)
	st := s.Site.Cache.Stats()
	// SQLite's page caches and the replay memo take their shares of the budget.
	if want := nattersite.CacheShare(1<<20, s.Site.DBPath); st.Budget != want || st.Used > st.Budget {
		t.Fatalf("cache accounts %d bytes for a budget of %d", st.Used, st.Budget)
	}
	if st.Spaces["snapshot"] == 0 || st.Spaces["markdown"] == 0 || st.Evicted == 0 {
		t.Errorf("snapshots and renderings should share the full budget: %+v", st)
	}
	for i := range 40 { // every thread still reads whole, from the cache or not
		if got := listed(t, svc, fmt.Sprintf("/t/%d/", i)); !strings.HasPrefix(got, "3:") {
			t.Fatalf("thread %d after eviction: %.40s", i, got)
		}
	}
}

func TestCache_SnapshotIdentityAndInvalidation(t *testing.T) {
	svc, _ := budgetSite(t)
	ctx := context.Background()
	create(t, svc, "/x/", "one", "10.0.0.1", nil)
	a, err := svc.Snapshot(ctx, "/x/")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := svc.Snapshot(ctx, "/x/"); b != a {
		t.Error("two reads without a write should share one snapshot")
	}
	create(t, svc, "/x/", "two", "10.0.0.2", nil)
	b, _ := svc.Snapshot(ctx, "/x/")
	if b == a || b.Gen == a.Gen || len(b.Comments) != 2 {
		t.Errorf("after a write: same snapshot %v, gens %d/%d, %d comments", b == a, a.Gen, b.Gen, len(b.Comments))
	}
	if a.DerivedKey("q") == b.DerivedKey("q") {
		t.Error("derived keys of two snapshots of one thread collide")
	}
}

// TestCache_WriteAfterEvictionIsSeen evicts a thread's snapshot by reading
// many others, writes to it, and reads it back.
func TestCache_WriteAfterEvictionIsSeen(t *testing.T) {
	svc, _ := budgetSite(t)
	create(t, svc, "/hot/", "first", "10.0.0.1", nil)
	listed(t, svc, "/hot/")
	fill(t, svc, 30)
	c := create(t, svc, "/hot/", "second", "10.0.0.2", nil)
	if got, want := listed(t, svc, "/hot/"), fmt.Sprintf(`2: 1/1/0/"first" %d/1/0/"second"`, c.Comment.ID); got != want {
		t.Errorf("hot thread after eviction and write: %s", got)
	}
}
