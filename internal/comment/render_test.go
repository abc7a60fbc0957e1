package comment_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
)

func TestRenderingsAreStoredAndRefreshed(t *testing.T) {
	svc, s := newService(t)
	ctx := context.Background()
	c := create(t, svc, "/r", "Hello *world*", "10.0.0.1", nil)
	read := func() (key, html string) {
		t.Helper()
		row := s.Site.DB.Reader().Raw("SELECT renderer, html FROM natter_rendered WHERE comment_id = ?", c.ID).Row()
		if err := row.Scan(&key, &html); err != nil {
			t.Fatalf("no stored rendering: %v", err)
		}
		return key, html
	}
	key, html := read()
	if html != "<p>Hello <em>world</em></p>" {
		t.Errorf("stored html = %q", html)
	}
	// Isso, sharing the database, edits the text in place: the stale row
	// must not be served, and is replaced on the next load.
	if err := s.Site.DB.Writer().Exec("UPDATE comments SET text = ? WHERE id = ?", "Changed **by Isso**", c.ID).Error; err != nil {
		t.Fatal(err)
	}
	s.Site.Comments.Purge(ctx) // drops every cached snapshot
	l, err := svc.List(ctx, "/r", comment.ListQuery{Sort: comment.SortOldest})
	if err != nil || len(l.Items) != 1 {
		t.Fatalf("list: %v %v", l, err)
	}
	if got := string(l.Items[0].HTML); !strings.Contains(got, "<strong>by Isso</strong>") {
		t.Errorf("listing after an outside edit = %s", got)
	}
	// The load stores the new rendering in the background.
	eventually(t, "render cache refreshed", func() bool {
		newKey, newHTML := read()
		return newKey != key && strings.Contains(newHTML, "<strong>by Isso</strong>")
	})
}

// eventually polls cond until it holds, failing t after a generous
// deadline: for work the service does in the background.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 30 s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
