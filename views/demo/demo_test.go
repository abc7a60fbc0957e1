package demo

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/natter/natter/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.html from the current output")

var testProps = DemoProps{
	BaseURL: "https://comments.example.org/natter/",
	CSSURL:  "/natter/static/natter.0123456789.css",
	Version: "v0.1.0-test",
}

// render renders Demo and returns the raw HTML and its parsed document.
func render(t *testing.T, p DemoProps) (string, *goquery.Document) {
	t.Helper()
	var buf bytes.Buffer
	if err := Demo(p).Render(context.Background(), &buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return buf.String(), doc
}

func TestDemo_Parts(t *testing.T) {
	_, doc := render(t, testProps)
	for _, id := range []string{"demo-page", "demo-intro", "demo-embed-snippet", "demo-isso-snippet", "demo-widget", "demo-version"} {
		if doc.Find(`[data-testid="`+id+`"]`).Length() != 1 {
			t.Errorf("want exactly one [data-testid=%q]", id)
		}
	}
	if !doc.Find(`[data-testid="demo-page"]`).HasClass("natter-root") {
		t.Error("demo-page does not carry natter-root")
	}
	if got, _ := doc.Find(`[data-testid="demo-widget"]`).Attr("hx-get"); got != "https://comments.example.org/natter/embed/thread?uri=/demo" {
		t.Errorf("live widget hx-get = %q", got)
	}
	if got, _ := doc.Find(`head script[src$="/embed.js"]`).Attr("src"); got != "https://comments.example.org/natter/embed.js" {
		t.Errorf("loader script = %q", got)
	}
	if got := strings.TrimSpace(doc.Find(`[data-testid="demo-version"]`).Text()); !strings.Contains(got, "v0.1.0-test") {
		t.Errorf("version footer = %q", got)
	}
}

func TestDemo_Stylesheet(t *testing.T) {
	_, doc := render(t, testProps)
	links := doc.Find(`head link[rel="stylesheet"]`)
	if links.Length() != 1 {
		t.Fatalf("want one stylesheet link, got %d", links.Length())
	}
	if href, _ := links.Attr("href"); href != testProps.CSSURL {
		t.Errorf("stylesheet href = %q, want %q", href, testProps.CSSURL)
	}
}

func TestDemo_Snippets(t *testing.T) {
	for _, tc := range []struct {
		name, base string
	}{
		{"base with trailing slash", "https://comments.example.org/natter/"},
		{"base without trailing slash", "https://comments.example.org/natter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testProps
			p.BaseURL = tc.base
			_, doc := render(t, p)
			embed := doc.Find(`[data-testid="demo-embed-snippet"]`).Text()
			for _, want := range []string{
				`<script src="https://comments.example.org/natter/embed.js" defer></script>`,
				`<div hx-get="https://comments.example.org/natter/embed/thread?uri=/demo" hx-trigger="load">`,
				`<a href="https://comments.example.org/natter/embed/thread?uri=/demo">Comments</a>`,
			} {
				if !strings.Contains(embed, want) {
					t.Errorf("embed snippet %q lacks %q", embed, want)
				}
			}
			isso := doc.Find(`[data-testid="demo-isso-snippet"]`).Text()
			for _, want := range []string{
				`<script data-isso="https://comments.example.org/natter/" src="https://comments.example.org/natter/js/embed.min.js"></script>`,
				`<section id="isso-thread"></section>`,
			} {
				if !strings.Contains(isso, want) {
					t.Errorf("Isso snippet %q lacks %q", isso, want)
				}
			}
		})
	}
}

func TestDemo_SnippetIsTextNotMarkup(t *testing.T) {
	_, doc := render(t, testProps)
	// The snippets are shown, never executed: the only live hx-get is the demo widget.
	if n := doc.Find("body [hx-get]:not([data-testid=demo-widget]), body script").Length(); n != 0 {
		t.Fatalf("found %d live hx-get/script elements in the demo body", n)
	}
}

var (
	spaceRun   = regexp.MustCompile(`\s+`)
	spaceAtTag = regexp.MustCompile(`>\s+|\s+<`)
)

// normalise collapses whitespace so the golden file can be formatted freely.
func normalise(s string) string {
	s = spaceRun.ReplaceAllString(s, " ")
	s = spaceAtTag.ReplaceAllStringFunc(s, strings.TrimSpace)
	return strings.TrimSpace(s)
}

func TestDemo_Golden(t *testing.T) {
	got, _ := render(t, testProps)
	golden := filepath.Join("testdata", "demo.golden.html")
	if *update {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test ./views/demo -update to create it): %v", err)
	}
	if normalise(got) != normalise(string(want)) {
		t.Errorf("Demo output differs from %s (run with -update after checking the change)\n got: %s\nwant: %s",
			golden, normalise(got), normalise(string(want)))
	}
}

// TestDemo_Chinese: the page speaks the locale of its render context.
func TestDemo_Chinese(t *testing.T) {
	zh, _ := i18n.Lookup("zh-CN")
	var buf bytes.Buffer
	if err := Demo(testProps).Render(i18n.With(context.Background(), zh), &buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="zh-CN">`, "<title>Natter 演示</title>", "从 Isso 迁移", "<code>uri</code>"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("zh-CN demo lacks %q", want)
		}
	}
}
