package comment_test

import (
	"path/filepath"
	"testing"

	"github.com/natter/natter/internal/pgtest"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/internal/testsite"
)

// The purge runs on one process at a time: on PostgreSQL a pass is skipped
// while another process (here a second store) holds the purge lock; on
// SQLite every pass runs, as before.
func TestPurgePass_OneProcessAtATime(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "comments.db")
			if engine == "postgres" {
				path = pgtest.DSN(t)
			}
			s := testsite.New(t, testsite.Options{DBPath: path,
				Config: "[general]\nhost = http://blog.example\n[moderation]\nenabled = true\npurge-after = 1h\n"})
			other, err := store.Open(t.Context(), store.Options{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			unlock, ok, err := other.TryJobLock(t.Context(), "purge")
			if err != nil || !ok {
				t.Fatalf("TryJobLock = %v, %v", ok, err)
			}
			ran, err := s.Site.Comments.PurgePass(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if want := engine == "sqlite"; ran != want {
				t.Errorf("purge ran %v while another process held the lock, want %v", ran, want)
			}
			if err := unlock(); err != nil {
				t.Fatal(err)
			}
			if ran, err := s.Site.Comments.PurgePass(t.Context()); err != nil || !ran {
				t.Errorf("purge after the lock was released: ran %v, %v", ran, err)
			}
		})
	}
}
