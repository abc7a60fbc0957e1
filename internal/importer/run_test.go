package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun_SecondImportAddsNothing(t *testing.T) {
	st := newStore(t)
	first := runImport(t, st, Options{Path: "testdata/disqus.xml", Batch: 3})
	again := runImport(t, st, Options{Path: "testdata/disqus.xml", Batch: 3})
	if again.Total() != 0 || again.Skipped[SkipImported] != first.Total() {
		t.Errorf("second import: %d added, %d already imported; want 0 and %d",
			again.Total(), again.Skipped[SkipImported], first.Total())
	}
	if n := len(dbRows(t, st)); n != first.Total() {
		t.Errorf("%d rows after two imports, want %d", n, first.Total())
	}
}

func TestRun_DryRunWritesNothing(t *testing.T) {
	st := newStore(t)
	dry := runImport(t, st, Options{Path: "testdata/wordpress.xml", DryRun: true})
	if n := len(dbRows(t, st)); n != 0 {
		t.Fatalf("dry run stored %d comments", n)
	}
	real := runImport(t, st, Options{Path: "testdata/wordpress.xml"})
	dry.DryRun = false
	if got, want := string(summaryText(t, dry)), string(summaryText(t, real)); got != want {
		t.Errorf("dry run predicted\n%s\nbut the import did\n%s", got, want)
	}
}

func TestRun_RepliesBeforeTheirParentInOtherBatches(t *testing.T) {
	// Batches of one: every reply is written in a transaction of its own,
	// some before their top-level comment.
	st := newStore(t)
	runImport(t, st, Options{Path: "testdata/remark42.json", Batch: 1})
	rows := dbRows(t, st)
	top := byAuthor(t, rows, "Umputun")
	for _, a := range []string{"Early Reply", "Deep Reply"} {
		if r := byAuthor(t, rows, a); r.Parent == nil || *r.Parent != top.ID {
			t.Errorf("%s: parent %v, want %d", a, r.Parent, top.ID)
		}
	}
}

func TestRun_BrokenFileStoresNothing(t *testing.T) {
	full, err := os.ReadFile("testdata/disqus.xml")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.xml")
	if err := os.WriteFile(cut, full[:len(full)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	badJSON := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(badJSON, []byte(`[{"id": "/a", "title": "A", "comments": [{"id": 1, "text": "x",}]}]`), 0o644)
	tests := []struct{ path, where string }{
		{cut, "invalid XML at line"},
		{badJSON, "invalid JSON at byte"},
	}
	for _, tc := range tests {
		st := newStore(t)
		_, err := Run(context.Background(), st, Options{Path: tc.path, Batch: 1, Now: fixedNow})
		if err == nil || !strings.Contains(err.Error(), tc.where) {
			t.Errorf("%s: error %v, want one saying %q", tc.path, err, tc.where)
		}
		if n := len(dbRows(t, st)); n != 0 {
			t.Errorf("%s: %d comments stored from a broken file", tc.path, n)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, f := range []struct {
		path string
		want Format
	}{
		{"testdata/disqus.xml", Disqus},
		{"testdata/wordpress.xml", WordPress},
		{"testdata/isso.json", IssoJSON},
		{"testdata/remark42.json", Remark42},
		{"testdata/artalk.json", Artalk},
		{"testdata/waline.json", Waline},
		{"testdata/commento.json", Commento},
	} {
		in, err := newInput(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := in.detect(); got != f.want {
			t.Errorf("%s: detected %q (%v), want %q", f.path, got, err, f.want)
		}
	}
	if _, err := Detect([]byte("<html></html>")); err == nil {
		t.Error("an HTML page was taken for an export")
	}
}
