package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/site"
)

// TestSeedReadable seeds a small database and reads it back through the
// comment service: the bulk rows must be what the service can list,
// render and count.
func TestSeedReadable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "seed.db")
	sh := shape{name: "t", prefix: "/bench/", threads: 3, per: 12}
	if err := seed(ctx, path, sh); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Embedded([]string{"NATTER_GENERAL_DBPATH=" + path})
	if err != nil {
		t.Fatal(err)
	}
	st, err := site.Open(ctx, cfg, site.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	counts, err := st.Comments.Counts(ctx, []string{"/bench/0", "/bench/2", "/bench/3"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{12, 12, 0}; !equalInts(counts, want) {
		t.Errorf("counts = %v, want %v", counts, want)
	}
	l, err := st.Comments.List(ctx, "/bench/1", comment.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	replies, rendered := 0, 0
	for _, it := range l.Items {
		replies += len(it.Replies)
		if strings.HasPrefix(string(it.HTML), "<p>") {
			rendered++
		}
	}
	if len(l.Items) != 8 || replies != 4 {
		t.Errorf("listed %d top-level comments and %d replies, want 8 and 4", len(l.Items), replies)
	}
	if rendered != len(l.Items) {
		t.Errorf("%d of %d comments rendered to HTML", rendered, len(l.Items))
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
