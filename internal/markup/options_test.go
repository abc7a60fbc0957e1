package markup

import (
	"slices"
	"strings"
	"testing"
)

func TestNew_RejectsBadConfiguration(t *testing.T) {
	cases := []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{"unknown extension", Options{Extensions: []string{"strikethrough", "blink"}}, `unknown extension "blink"`},
		{"style attribute", Options{AllowedAttributes: []string{"src", "style"}}, `attribute "style"`},
		{"event handler", Options{AllowedAttributes: []string{"OnError"}}, `attribute "OnError"`},
		{"htmx attribute", Options{AllowedAttributes: []string{"hx-get"}}, `attribute "hx-get"`},
		{"data attribute", Options{AllowedAttributes: []string{"data-id"}}, `attribute "data-id"`},
		{"alpine attribute", Options{AllowedAttributes: []string{"x-html"}}, `attribute "x-html"`},
		{"class attribute", Options{AllowedAttributes: []string{"class"}}, `attribute "class"`},
		{"namespaced attribute", Options{AllowedAttributes: []string{"xlink:href"}}, `invalid attribute`},
		{"script element", Options{AllowedElements: []string{"script"}}, `element "script"`},
		{"iframe element", Options{AllowedElements: []string{"IFRAME"}}, `element "IFRAME"`},
		{"svg element", Options{AllowedElements: []string{"svg"}}, `element "svg"`},
		{"odd element name", Options{AllowedElements: []string{"<b>"}}, `invalid element`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("New() error = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestNew_AcceptsIssoNames(t *testing.T) {
	names := []string{
		"strikethrough", "autolink", "fenced_code", "fenced-code", "no_intra_emphasis",
		"No-Intra-Emphasis", "superscript", "subscript", "tables", "table", "footnotes",
		"url", "task_lists", "hard_wrap", " ", "def_list", "highlight",
	}
	r := mustNew(t, Options{Extensions: names})
	want := []string{"fenced_code", "fenced_code", "no_intra_emphasis", "no_intra_emphasis", "def_list", "highlight"}
	if got := r.Ignored(); !slices.Equal(got, want) {
		t.Errorf("Ignored() = %q, want %q", got, want)
	}
}

func TestRenderer_Version(t *testing.T) {
	a := mustNew(t, Options{Extensions: []string{"tables", "strikethrough"}, AllowedElements: []string{"u", "img"}})
	b := mustNew(t, Options{Extensions: []string{"Strikethrough", "table"}, AllowedElements: []string{"IMG", "u"}, AllowedAttributes: []string{"src"}})
	c := mustNew(t, Options{Extensions: []string{"strikethrough"}})
	if a.Version() != b.Version() {
		t.Errorf("equivalent configurations differ: %s vs %s", a.Version(), b.Version())
	}
	if a.Version() == c.Version() {
		t.Errorf("different configurations share version %s", a.Version())
	}
	if !strings.HasPrefix(a.Version(), "v"+RendererVersion+"-") {
		t.Errorf("Version() = %q lacks the code version", a.Version())
	}
}
