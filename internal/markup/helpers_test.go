package markup

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// mistuneDefaults is Isso's default [markup.mistune] configuration.
var mistuneDefaults = Options{
	Extensions: []string{"strikethrough", "subscript", "superscript"},
	Parameters: []string{"escape", "hard_wrap"},
}

// articleConfig is the misaka-era configuration from the migration article.
var articleConfig = Options{
	RawHTML:           true,
	Extensions:        []string{"strikethrough", "autolink", "fenced_code", "no_intra_emphasis"},
	AllowedElements:   []string{"img", "i", "b", "u"},
	AllowedAttributes: []string{"src", "width", "height"},
}

// mustNew builds a renderer or fails the test.
func mustNew(tb testing.TB, o Options) *Renderer {
	tb.Helper()
	r, err := New(o)
	if err != nil {
		tb.Fatalf("New(%+v): %v", o, err)
	}
	return r
}

// activeTags are elements that must never survive sanitising.
var activeTags = map[string]bool{
	"script": true, "style": true, "iframe": true, "svg": true, "math": true, "object": true,
	"embed": true, "form": true, "meta": true, "base": true, "link": true, "noscript": true,
}

// activeContent inspects rendered HTML as a browser would: it returns a
// description of the first tag or attribute that could run script or
// restyle the page, or "". Escaped text such as "&lt;script&gt;" is inert
// and therefore fine.
func activeContent(out string) string {
	if strings.Contains(strings.ToLower(out), "<script") {
		return "<script"
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			if bad := activeTag(z.Token()); bad != "" {
				return bad
			}
		}
	}
}

// activeTag checks one tag and its attributes.
func activeTag(tok html.Token) string {
	if activeTags[tok.Data] {
		return "<" + tok.Data
	}
	for _, a := range tok.Attr {
		key := strings.ToLower(a.Key)
		val := strings.Join(strings.Fields(strings.ToLower(a.Val)), "")
		switch {
		case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc", key == "id",
			strings.HasPrefix(key, "hx-"), strings.HasPrefix(key, "data-"), strings.HasPrefix(key, "x-"):
			return "attribute " + key
		case key == "class" && !languageClass.MatchString(a.Val):
			return "class " + a.Val
		case strings.Contains(val, "javascript:"), strings.Contains(val, "vbscript:"), strings.HasPrefix(val, "data:"):
			return key + "=" + a.Val
		}
	}
	return ""
}
