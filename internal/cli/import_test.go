package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// siteConfig writes a configuration whose database lives in dir.
func siteConfig(t *testing.T, dir string) (cfg, db string) {
	t.Helper()
	db = filepath.Join(dir, "comments.db")
	return writeFile(t, dir, "site.cfg", "[general]\ndbpath = "+db+"\nhost = https://example.org\n"), db
}

func countComments(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM comments").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

const disqusFixture = "../importer/testdata/disqus.xml"

func TestImport_DryRunThenImportThenAgain(t *testing.T) {
	cfg, db := siteConfig(t, t.TempDir())
	code, out, errOut := run(t, nil, "import", "-c", cfg, disqusFixture, "--dry-run")
	if code != 0 || !strings.Contains(out, "would import (dry run, nothing written): 10 comments on 2 threads") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if n := countComments(t, db); n != 0 {
		t.Fatalf("dry run stored %d comments", n)
	}
	code, out, errOut = run(t, nil, "-c", cfg, "import", "--type", "disqus", "--empty-id", disqusFixture)
	if code != 0 || !strings.Contains(out, "format: disqus\n") || !strings.Contains(out, "imported: 10 comments") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(errOut, "\r") {
		t.Errorf("progress written to a non-terminal: %q", errOut)
	}
	code, out, _ = run(t, nil, "import", "-c", cfg, disqusFixture)
	if code != 0 || !strings.Contains(out, "already imported: 10") || countComments(t, db) != 10 {
		t.Errorf("second import: exit %d\n%s", code, out)
	}
}

func TestImport_Refusals(t *testing.T) {
	cfg, _ := siteConfig(t, t.TempDir())
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"import", "-c", cfg}, 2, "Usage: natter import"},
		{"two files", []string{"import", "-c", cfg, "a", "b"}, 2, "Usage: natter import"},
		{"unknown type", []string{"import", "-c", cfg, "--type", "blogger", disqusFixture}, 1, `unknown format "blogger"`},
		{"wrong type", []string{"import", "-c", cfg, "--type", "waline", disqusFixture}, 1, "invalid JSON at byte"},
		{"missing file", []string{"import", "-c", cfg, "nope.xml"}, 1, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}

// TestImportPicksTheSiteOfAMultiSiteSetup: --site chooses the database of
// one named site; without it a multi-site setup is refused, not guessed.
func TestImportPicksTheSiteOfAMultiSiteSetup(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"blog", "notes"} {
		files = append(files, writeFile(t, dir, name+".cfg", "[general]\nname = "+name+"\ndbpath = "+dir+"/%(name)s.db\nhost = http://"+name+".example\n"))
	}
	export := writeFile(t, dir, "export.json", `[{"id": 1, "title": "Post", "comments": [{"id": 1, "author": "Ann", "text": "imported", "created": "2020-01-01 10:00:00", "mode": 1, "remote_addr": "10.0.0.1"}]}]`)
	env := []string{"ISSO_SETTINGS=" + strings.Join(files, ";")}
	if code, _, errOut := run(t, env, "import", "--type", "isso-json", export); code == 0 || !strings.Contains(errOut, "multi-site") {
		t.Fatalf("import without --site: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, env, "import", "--site", "notes", "--type", "isso-json", export); code != 0 {
		t.Fatalf("import --site notes: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.db")); err != nil {
		t.Errorf("notes has no database: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "blog.db")); err == nil {
		t.Error("the import touched blog's database")
	}
}
