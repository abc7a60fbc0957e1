package importer

import (
	"bytes"
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/natter/natter/internal/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixedNow is the clock of every test import.
func fixedNow() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }

func newStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{
		Path:   filepath.Join(t.TempDir(), "comments.db"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func runImport(t *testing.T, st *store.Store, o Options) *Summary {
	t.Helper()
	o.Now = fixedNow
	sum, err := Run(context.Background(), st, o)
	if err != nil {
		t.Fatalf("import %s: %v", o.Path, err)
	}
	return sum
}

// row is a comment as the tests look at it.
type dbRow struct {
	ID       int64
	URI      string
	Title    string
	Parent   *int64
	Created  float64
	Mode     int
	Addr     string `gorm:"column:remote_addr"`
	Text     string
	Author   *string
	Email    *string
	Website  *string
	Likes    int
	Dislikes int
}

func dbRows(t *testing.T, st *store.Store) []dbRow {
	t.Helper()
	var rows []dbRow
	err := st.Reader().Raw(`SELECT c.id, t.uri, coalesce(t.title, '') AS title, c.parent, c.created, c.mode,
		c.remote_addr, c.text, c.author, c.email, c.website, c.likes, c.dislikes
		FROM comments c JOIN threads t ON t.id = c.tid ORDER BY c.id`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// byAuthor finds the one row with that (stored, escaped) author.
func byAuthor(t *testing.T, rows []dbRow, author string) dbRow {
	t.Helper()
	for _, r := range rows {
		if r.Author != nil && *r.Author == author {
			return r
		}
	}
	t.Fatalf("no comment by %q", author)
	return dbRow{}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

func summaryText(t *testing.T, s *Summary) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}
