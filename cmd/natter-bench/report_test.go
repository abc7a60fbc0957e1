package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpliceDocs replaces only the generated section and keeps the rest;
// a document without the markers is refused, not rewritten.
func TestSpliceDocs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.md")
	doc := "# Benchmarks\nby hand\n" + docsBegin + "\nold figures\n" + docsEnd + "\nmore by hand\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 { // idempotent: a second run replaces the first
		if err := spliceDocs(path, "| new | table |\n"); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(path)
	want := "# Benchmarks\nby hand\n" + docsBegin + "\n| new | table |\n" + docsEnd + "\nmore by hand\n"
	if string(b) != want {
		t.Errorf("spliced:\n%s\nwant:\n%s", b, want)
	}
	if err := os.WriteFile(path, []byte("no markers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := spliceDocs(path, "x"); err == nil || !strings.Contains(err.Error(), "no generated section") {
		t.Errorf("spliceDocs without markers: %v", err)
	}
}
