package importer

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/natter/natter/internal/store"
)

// TestIssoDB_MergesAnotherDatabaseOnce copies one database's comments
// into another: same threads, texts, modes and reply structure; and a
// second merge of the same file adds nothing.
func TestIssoDB_MergesAnotherDatabaseOnce(t *testing.T) {
	srcPath := filepath.Join(t.TempDir(), "other.db")
	src, err := store.Open(context.Background(), store.Options{Path: srcPath,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), src, Options{Path: "testdata/disqus.xml", Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	want := dbRows(t, src)
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}

	dst := newStore(t)
	runImport(t, dst, Options{Path: "testdata/wordpress.xml"}) // the target is not empty
	before := len(dbRows(t, dst))
	sum := runImport(t, dst, Options{Path: srcPath})
	if sum.Format != IssoDB || sum.Total() != len(want) {
		t.Fatalf("merged %d comments as %q, want %d as isso-db", sum.Total(), sum.Format, len(want))
	}
	got := map[string]dbRow{} // by what a comment says and when
	for _, g := range dbRows(t, dst)[before:] {
		got[rowKey(g)] = g
	}
	ids := map[int64]int64{} // source id → merged id
	for _, w := range want {
		ids[w.ID] = got[rowKey(w)].ID
	}
	for _, w := range want {
		g, ok := got[rowKey(w)]
		if !ok || g.URI != w.URI || g.Mode != w.Mode || str(g.Author) != str(w.Author) ||
			str(g.Email) != str(w.Email) || g.Addr != w.Addr {
			t.Errorf("comment %d merged as %+v, want %+v", w.ID, g, w)
		}
		if (w.Parent == nil) != (g.Parent == nil) || (w.Parent != nil && ids[*w.Parent] != *g.Parent) {
			t.Errorf("comment %d: parent %v, want the merged copy of %v", w.ID, g.Parent, w.Parent)
		}
	}
	if again := runImport(t, dst, Options{Path: srcPath}); again.Total() != 0 {
		t.Errorf("second merge added %d comments", again.Total())
	}
}

func rowKey(r dbRow) string { return fmt.Sprintf("%s|%f|%s", r.URI, r.Created, r.Text) }
