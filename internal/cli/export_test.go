package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportAndBackup(t *testing.T) {
	dir := t.TempDir()
	cfg, _ := siteConfig(t, dir)
	if code, out, errOut := run(t, nil, "import", "-c", cfg, disqusFixture); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := run(t, nil, "export", "-c", cfg)
	if code != 0 || !strings.HasPrefix(out, `[{"id": "/blog/hello/"`) || !strings.Contains(out, `"author":"peter"`) {
		t.Fatalf("export to stdout: exit %d\n%.300s\n%s", code, out, errOut)
	}
	jsonl := filepath.Join(dir, "all.jsonl")
	if code, _, errOut := run(t, nil, "export", "-c", cfg, "--format", "jsonl", jsonl); code != 0 {
		t.Fatalf("export to file: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(jsonl)
	if err != nil || strings.Count(string(data), "\n") != 11 {
		t.Errorf("jsonl export has %d lines (%v), want a header and 10 comments", strings.Count(string(data), "\n"), err)
	}
	if code, _, errOut := run(t, nil, "export", "-c", cfg, "--format", "csv"); code != 1 || !strings.Contains(errOut, "unknown format") {
		t.Errorf("csv export: exit %d, %q", code, errOut)
	}

	other, otherDB := siteConfig(t, t.TempDir())
	if code, out, errOut := run(t, nil, "import", "-c", other, jsonl); code != 0 || !strings.Contains(out, "format: jsonl") {
		t.Fatalf("import of the export: exit %d\n%s%s", code, out, errOut)
	}
	if n := countComments(t, otherDB); n != 10 {
		t.Errorf("import of the export stored %d comments, want 10", n)
	}

	backup := filepath.Join(dir, "backup.db")
	if code, _, errOut := run(t, nil, "backup", "-c", cfg, "--site", "main", backup); code == 0 || !strings.Contains(errOut, `no site named "main"`) {
		t.Fatalf("backup of an unknown site: exit %d, %s", code, errOut)
	}
	code, out, errOut = run(t, nil, "backup", "-c", cfg, backup)
	if code != 0 || !strings.Contains(out, "integrity check: ok") {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errOut)
	}
	if n := countComments(t, backup); n != 10 {
		t.Errorf("backup holds %d comments, want 10", n)
	}
	if code, _, _ := run(t, nil, "backup", "-c", cfg, backup); code != 1 {
		t.Errorf("backup over an existing file: exit %d, want 1", code)
	}
}
