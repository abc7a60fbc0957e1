package comment_test

import (
	"context"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

// TestIdentity_StoredHashesServeReloads: a comment's identity hash is
// stored with it and read back by the next thread load instead of being
// computed again; a stored hash whose key no longer matches (another
// e-mail or salt) is ignored and replaced.
func TestIdentity_StoredHashesServeReloads(t *testing.T) {
	svc, s := newService(t)
	ctx := context.Background()
	c := create(t, svc, "/i/", "hello", "10.0.1.1", nil)
	db := s.Site.DB.Writer()
	var stored int64
	if err := db.Raw(`SELECT COUNT(*) FROM natter_identity WHERE comment_id = ?`, c.ID).Scan(&stored).Error; err != nil || stored != 1 {
		t.Fatalf("identity rows for the new comment: %d (%v)", stored, err)
	}
	steps := []struct {
		name, sql, want string
	}{
		{"a stored hash is used", `UPDATE natter_identity SET hash = 'fromthedb' WHERE comment_id = ?`, "fromthedb"},
		{"a stale key is ignored", `UPDATE natter_identity SET hasher = 'stale', hash = 'stale' WHERE comment_id = ?`, c.Hash},
	}
	for _, st := range steps {
		if err := db.Exec(st.sql, c.ID).Error; err != nil {
			t.Fatal(err)
		}
		fresh := testsite.New(t, testsite.Options{Config: cfg, DBPath: s.Site.DBPath}).Site.Comments
		l, err := fresh.List(ctx, "/i/", comment.ListQuery{})
		if err != nil || len(l.Items) != 1 || l.Items[0].Hash != st.want {
			t.Errorf("%s: listing %+v (%v), want hash %q", st.name, l.Items, err, st.want)
		}
	}
	eventually(t, "the stale row replaced", func() bool {
		var hash string
		err := db.Raw(`SELECT hash FROM natter_identity WHERE comment_id = ?`, c.ID).Scan(&hash).Error
		return err == nil && hash == c.Hash
	})
}
