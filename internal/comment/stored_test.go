package comment_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/pgtest"
	"github.com/natter/natter/internal/testsite"
)

// A stored answer lasts while its thread is unchanged: any change to the
// thread's comments or to the thread ends it, whichever process makes it,
// and an answer built before a change is never stored after it.
func TestStoredAnswers_OnlyWhileTheThreadIsUnchanged(t *testing.T) {
	if pgtest.Wanted() {
		t.Skip("stored answers are SQLite's (PostgreSQL sites cache in memory only)")
	}
	writer, site := newService(t)
	create(t, writer, "/k/", "one", "192.0.2.1", nil)
	isso, err := sql.Open("sqlite3", site.Site.DBPath+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer isso.Close()
	exec := func(stmt string) func() {
		return func() {
			if _, err := isso.Exec(stmt); err != nil {
				t.Fatal(err)
			}
		}
	}
	ctx := context.Background()
	for _, change := range []struct {
		name string
		do   func()
	}{
		{"a new comment through the service", func() { create(t, writer, "/k/", "two", "192.0.2.2", nil) }},
		{"a vote by Isso", exec(`UPDATE comments SET likes = likes + 1 WHERE id = 1`)},
		{"a new comment by Isso", exec(`INSERT INTO comments (tid, created, mode, remote_addr, text, voters)
			SELECT tid, created + 5, 1, '198.51.100.0', 'by Isso', x'' FROM comments WHERE id = 1`)},
		{"a delete by Isso", exec(`DELETE FROM comments WHERE id = (SELECT max(id) FROM comments)`)},
		{"the thread's title", exec(`UPDATE threads SET title = 'Renamed' WHERE uri = '/k/'`)},
	} {
		// A server that starts now loads the thread and stores an answer.
		svc := testsite.New(t, testsite.Options{Config: cfg, DBPath: site.Site.DBPath}).Site.Comments
		snap, err := svc.Snapshot(ctx, "/k/")
		if err != nil {
			t.Fatal(err)
		}
		keep := func(body string) {
			svc.KeepAnswer(snap, "key", func() comment.StoredAnswer {
				return comment.StoredAnswer{Body: []byte(body), Until: comment.Forever}
			})
			svc.Close() // waits for the background store
		}
		stored := func() string {
			a, _ := svc.StoredAnswer(ctx, "/k/", "key")
			return string(a.Body)
		}
		keep("before")
		if got := stored(); got != "before" {
			t.Fatalf("%s: stored %q before the change, want %q", change.name, got, "before")
		}
		change.do()
		if got := stored(); got != "" {
			t.Errorf("%s: the answer %q outlived the change", change.name, got)
		}
		keep("stale")
		if got := stored(); got != "" {
			t.Errorf("%s: an answer built before the change was stored after it: %q", change.name, got)
		}
	}
}

// Answers are keyed by the configuration too: a site whose settings
// changed does not find the answers made under the old ones.
func TestStoredAnswers_KeyedByTheSettings(t *testing.T) {
	if pgtest.Wanted() {
		t.Skip("stored answers are SQLite's (PostgreSQL sites cache in memory only)")
	}
	svc, site := newService(t)
	create(t, svc, "/s/", "one", "192.0.2.1", nil)
	ctx := context.Background()
	fresh := testsite.New(t, testsite.Options{Config: cfg, DBPath: site.Site.DBPath}).Site.Comments
	snap, err := fresh.Snapshot(ctx, "/s/")
	if err != nil {
		t.Fatal(err)
	}
	fresh.KeepAnswer(snap, "key", func() comment.StoredAnswer {
		return comment.StoredAnswer{Body: []byte("answer"), Until: comment.Forever}
	})
	fresh.Close()
	same := testsite.New(t, testsite.Options{Config: cfg, DBPath: site.Site.DBPath}).Site.Comments
	if _, ok := same.StoredAnswer(ctx, "/s/", "key"); !ok {
		t.Fatal("the same settings do not find the stored answer")
	}
	other := testsite.New(t, testsite.Options{Config: cfg + "\n[markup]\nallowed-elements = u\n", DBPath: site.Site.DBPath}).Site.Comments
	if a, ok := other.StoredAnswer(ctx, "/s/", "key"); ok {
		t.Errorf("changed settings found the old answer %q", a.Body)
	}
}
