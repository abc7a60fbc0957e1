// Package views_test checks properties shared by every template package.
package views_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	// textNode is text between a tag's end and the next tag on one line.
	textNode = regexp.MustCompile(`>([^<>{}]*)<`)
	// lineText is a template line that is text alone (not markup or code).
	lineText = regexp.MustCompile(`^\s*([^<>{}@/=]*[\p{L}][^<>{}=]*)\s*$`)
	// goField is a struct field declared in a template file.
	goField = regexp.MustCompile(`^[A-Z]\w* [\[\]*\w.]+$`)
	// code is program text shown as such, never translated.
	code = regexp.MustCompile(`<code[^>]*>[^<]*</code>`)
	// allowed are texts that are not language: symbols, brand names, code.
	allowed = regexp.MustCompile(`^(\s|[\p{P}\p{S}\d]|&[a-z]+;|Natter|htmx|Markdown|Atom|RSS|ID|IP|URI|×|·|↑|↓|▲|▼|✓)*$`)
)

// TestNoUntranslatedLiterals: every text a reader or moderator sees comes
// from the catalogue (internal/i18n), so no template holds words of its
// own. Code lines (Go statements inside templates) are skipped.
func TestNoUntranslatedLiterals(t *testing.T) {
	files, err := filepath.Glob("*/*.templ")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates found: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, text := range literals(line) {
				t.Errorf("%s:%d: untranslated text %q", f, i+1, text)
			}
		}
	}
}

func literals(line string) []string {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || isCode(trimmed) {
		return nil
	}
	line = code.ReplaceAllString(line, "<code/>")
	var out []string
	for _, m := range textNode.FindAllStringSubmatch(line, -1) {
		if !allowed.MatchString(m[1]) {
			out = append(out, strings.TrimSpace(m[1]))
		}
	}
	// A lone token on its own line is an attribute (open, selected, …).
	if m := lineText.FindStringSubmatch(line); m != nil && strings.Contains(strings.TrimSpace(m[1]), " ") && !allowed.MatchString(m[1]) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
}

// isCode reports template lines that are Go or templ syntax, not markup.
func isCode(s string) bool {
	for _, p := range []string{"//", "package ", "import", "templ ", "if ", "} else", "for ", "switch ", "case ", "default:", "return", "var ", "func ", ")", "\"", "}"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return strings.HasSuffix(s, "{") || strings.HasSuffix(s, "(") || goField.MatchString(s)
}
