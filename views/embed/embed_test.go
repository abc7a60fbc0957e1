package embed

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/views/components"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.html")

func render(t *testing.T, lang string, c templ.Component) (string, *goquery.Document) {
	t.Helper()
	loc, _ := i18n.Lookup(lang)
	var buf bytes.Buffer
	if err := c.Render(i18n.With(context.Background(), loc), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), doc
}

var now = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func sample() ThreadProps {
	l := Links{Base: "https://comments.example.org", Opts: Options{URI: "/post-1", Lang: "en", Limit: DefaultLimit, Nested: DefaultNested}}
	card := func(id int64, name string, reply bool) components.CommentProps {
		return components.CommentProps{ID: id, Author: name, Created: now.Add(-2 * time.Hour), Now: now,
			HTML: markup.SafeHTML("<p>Comment " + name + "</p>"), Avatar: components.AvatarProps{Hash: "4505c1eeda98"}, Reply: reply}
	}
	return ThreadProps{
		Links: l, Policy: Policy{WebsiteField: true, ReplyNotifications: true}, Count: 3, More: 4, MoreOffset: 1, Version: "test",
		Items: []Item{{Card: card(1, "Bob", false), MoreReplies: 2, MoreOffset: 1,
			Replies: []Item{{Card: card(2, "Ann", true), Own: true, Root: 1}}}},
		Form: FormProps{Links: l, Policy: Policy{WebsiteField: true, ReplyNotifications: true}},
	}
}

func TestRootGolden(t *testing.T) {
	html, _ := render(t, "en", Root(sample()))
	got := normalise(html)
	path := filepath.Join("testdata", "root.golden.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("embed root differs from %s; run go test ./views/embed -update and review the diff", path)
	}
}

// normalise puts one tag per line so golden diffs are readable.
func normalise(s string) string {
	s = regexp.MustCompile(`>\s*<`).ReplaceAllString(s, ">\n<")
	return strings.TrimSpace(s) + "\n"
}

func TestRootParts(t *testing.T) {
	_, doc := render(t, "en", Root(sample()))
	root := doc.Find(`[data-testid="natter-root"]`)
	if root.Length() != 1 || !root.HasClass("natter-root") {
		t.Fatal("one .natter-root expected")
	}
	for _, id := range []string{"thread-count", "post-form", "comment-list", "live", "sort", "more-comments", "more-replies"} {
		if doc.Find(`[data-testid="`+id+`"]`).Length() != 1 {
			t.Errorf("want one %s", id)
		}
	}
	if live, _ := doc.Find(`[data-testid="live"]`).Attr("aria-live"); live != "polite" {
		t.Error("no aria-live region")
	}
	// Edit and delete only on the reader's own comment.
	if doc.Find(`#natter-comment-2 [data-testid="edit"]`).Length() != 1 || doc.Find(`#natter-comment-1 [data-testid="edit"]`).Length() != 0 {
		t.Error("edit controls on the wrong comments")
	}
	// No history or boosting, no inline script, style elements or style
	// attributes.
	if n := doc.Find("[hx-push-url], [hx-boost], [hx-history-elt], script, style, [style], [hx-on]").Length(); n != 0 {
		t.Errorf("%d forbidden elements/attributes", n)
	}
	// Every field has a label.
	doc.Find("input:not([type=hidden]), textarea").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("field %s has no label", id)
		}
	})
	// Every class is a prefixed utility or one of ours.
	doc.Find("[class]").Each(func(_ int, s *goquery.Selection) {
		cls, _ := s.Attr("class")
		for _, c := range strings.Fields(cls) {
			if !prefixed.MatchString(c) {
				t.Errorf("unprefixed class %q", c)
			}
		}
	})
}

var prefixed = regexp.MustCompile(`^([a-z0-9-]+:)*!?(nt-|natter-)`) // "!" is Tailwind's important modifier

func TestRootChineseAndOptions(t *testing.T) {
	p := sample()
	p.Links.Opts.Lang, p.Links.Opts.Theme, p.Links.Opts.NoVote = "zh-CN", "dark", true
	p.Form.Links = p.Links
	_, doc := render(t, "zh-CN", Root(p))
	if got := doc.Find(`[data-testid="thread-count"]`).Text(); strings.TrimSpace(got) != "3 条评论" {
		t.Errorf("heading = %q", got)
	}
	if th, _ := doc.Find(`[data-testid="natter-root"]`).Attr("data-natter-theme"); th != "dark" {
		t.Errorf("theme = %q", th)
	}
	if doc.Find(`[data-testid="vote-up"]`).Length() != 0 {
		t.Error("votes shown with vote=0")
	}
	if u, _ := doc.Find(`[data-testid="reply"]`).First().Attr("hx-get"); !strings.Contains(u, "vote=0") || !strings.Contains(u, "lang=zh-CN") {
		t.Errorf("options not carried: %q", u)
	}
}

func TestFormErrorAndValues(t *testing.T) {
	f := sample().Form
	f.Values = FormValues{Text: "ab", Author: "Ann"}
	f.Error, f.ErrorField = "too short", "text"
	_, doc := render(t, "en", Form(f))
	if doc.Find(`[data-testid="form-error"][role="alert"]`).Length() != 1 {
		t.Error("no alert")
	}
	if v, _ := doc.Find(`[data-testid="field-text"]`).Attr("aria-invalid"); v != "true" {
		t.Error("text not invalid")
	}
	if doc.Find(`[data-testid="field-text"]`).Text() != "ab" {
		t.Error("text lost")
	}
	if v, _ := doc.Find(`[data-testid="field-author"]`).Attr("value"); v != "Ann" {
		t.Error("author lost")
	}
}
