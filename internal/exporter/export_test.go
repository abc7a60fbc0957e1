package exporter

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/importer"
	"github.com/natter/natter/internal/store"
)

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{Path: filepath.Join(t.TempDir(), "c.db"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func importFile(t *testing.T, st *store.Store, path string) *importer.Summary {
	t.Helper()
	now := func() time.Time { return time.Unix(1700000000, 0) }
	sum, err := importer.Run(context.Background(), st, importer.Options{Path: path, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func export(t *testing.T, st *store.Store, f Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), st, &b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRoundTrip: export → import into an empty database → export gives
// the same bytes, for both formats, starting from data with replies,
// placeholders, pending comments, escaped names and Unicode.
func TestRoundTrip(t *testing.T) {
	src := newStore(t)
	for _, f := range []string{"disqus.xml", "wordpress.xml", "artalk.json", "commento.json"} {
		importFile(t, src, filepath.Join("../importer/testdata", f))
	}
	for _, f := range []Format{JSONL, IssoJSON} {
		t.Run(string(f), func(t *testing.T) {
			first := export(t, src, f)
			path := filepath.Join(t.TempDir(), "export")
			if err := os.WriteFile(path, first, 0o644); err != nil {
				t.Fatal(err)
			}
			dst := newStore(t)
			if sum := importFile(t, dst, path); sum.Total() != 23 {
				t.Fatalf("re-imported %d comments, want 23", sum.Total())
			}
			if second := export(t, dst, f); !bytes.Equal(first, second) {
				t.Errorf("second export differs:\n%s\n---\n%s", first, second)
			}
			if again := importFile(t, dst, path); again.Total() != 0 {
				t.Errorf("importing the export again added %d comments", again.Total())
			}
			// Into the database it came from: the same comments are there
			// under other import keys, and are recognised by content.
			if back := importFile(t, src, path); back.Total() != 0 {
				t.Errorf("importing the export into its own database added %d comments", back.Total())
			}
		})
	}
}

func TestIssoJSON_IsWhatIssoReads(t *testing.T) {
	st := newStore(t)
	importFile(t, st, "../importer/testdata/isso.json")
	out := export(t, st, IssoJSON)
	if !bytes.HasPrefix(out, []byte("[{")) {
		t.Errorf("Isso detects generic JSON by a leading [{; got %.20q", out)
	}
	var threads []struct {
		ID, Title string
		Comments  []map[string]any
	}
	if err := json.Unmarshal(out, &threads); err != nil {
		t.Fatal(err)
	}
	if len(threads) != 2 || threads[0].ID != "/posts/0001/" || threads[0].Title != "Test+post" {
		t.Fatalf("threads = %+v", threads)
	}
	c := threads[0].Comments[1]
	for _, k := range []string{"id", "author", "email", "website", "remote_addr", "created", "text"} {
		if _, ok := c[k]; !ok {
			t.Errorf("comment lacks Isso's required key %q", k)
		}
	}
	if c["author"] != "Ana <Admin>" || c["created"] != "2018-11-29 08:00:00" || !strings.Contains(c["text"].(string), "Thanks!") {
		t.Errorf("comment = %v", c)
	}
}

func TestWrite_EmptyDatabase(t *testing.T) {
	st := newStore(t)
	if got := string(export(t, st, IssoJSON)); got != "[\n]\n" {
		t.Errorf("isso-json of nothing = %q", got)
	}
	if got := string(export(t, st, JSONL)); got != `{"format":"natter-jsonl","version":1}`+"\n" {
		t.Errorf("jsonl of nothing = %q", got)
	}
	if err := Write(context.Background(), st, io.Discard, "csv"); err == nil {
		t.Error("unknown format accepted")
	}
}
