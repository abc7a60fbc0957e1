package importer

import (
	"regexp"
	"testing"

	"github.com/natter/natter/internal/markup"
)

// executable matches what would run in a reader's browser.
var executable = regexp.MustCompile(`(?i)<script|<iframe|<svg|<img|\bon[a-z]+\s*=|javascript:|data:text`)

// TestImportedTextRendersSafely renders every imported text with the most
// permissive configuration (Isso's misaka renderer, raw HTML passed to the
// sanitiser) and checks that nothing executable reaches the page, and
// that the stored author and website fields carry no markup either.
func TestImportedTextRendersSafely(t *testing.T) {
	r, err := markup.New(markup.Options{RawHTML: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"disqus.xml", "wordpress.xml", "remark42.json", "isso.json", "artalk.json", "waline.json", "commento.json"} {
		st := newStore(t)
		runImport(t, st, Options{Path: "testdata/" + f})
		for _, row := range dbRows(t, st) {
			if html := string(r.Render(row.Text)); executable.MatchString(html) {
				t.Errorf("%s: comment %d renders as %q", f, row.ID, html)
			}
			fields := deref(row.Author) + deref(row.Website)
			if executable.MatchString(fields) || regexp.MustCompile(`[<>"']`).MatchString(fields) {
				t.Errorf("%s: comment %d stores author %q, website %q", f, row.ID, str(row.Author), str(row.Website))
			}
		}
	}
}
