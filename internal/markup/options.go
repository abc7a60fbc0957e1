package markup

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Options configures a Renderer. The config layer fills it from Isso's
// [markup] and [markup.misaka] / [markup.mistune] sections.
type Options struct {
	// Extensions are Isso option or plugin names ("strikethrough",
	// "fenced-code", "tables", …); "-" and "_" are interchangeable.
	Extensions []string
	// Parameters are mistune parameters or misaka flags: "hard_wrap"
	// (or "hard-wrap") turns single newlines into <br>; "escape" and
	// "skip-html" force raw HTML to be shown literally. Others are ignored,
	// as Isso ignores them.
	Parameters []string
	// RawHTML lets HTML typed in a comment reach the sanitiser, which keeps
	// allowed tags (Isso's misaka renderer). When false (mistune, Isso's
	// default) such HTML is escaped and shown literally.
	RawHTML bool
	// AllowedElements are extra elements kept by the sanitiser.
	AllowedElements []string
	// AllowedAttributes are extra attributes kept on every allowed element.
	AllowedAttributes []string
}

// feature is the normalised effect of the configured names.
type feature struct {
	strike, linkify, tables, footnotes, tasks bool
	sub, sup, hardWrap, rawHTML               bool
	// mistune is Isso's mistune renderer (no raw HTML): indented code
	// ends without a newline; literal shows typed entity references as
	// text (mistune's escape parameter).
	mistune, literal bool
	ignored          []string
}

// extensionSetters maps Isso names (normalised to "_") onto features.
// Names mapped to nil are accepted without effect: fenced code is always on
// in CommonMark, and CommonMark never emphasises intra-word "_".
var extensionSetters = map[string]func(*feature){
	"strikethrough":     func(f *feature) { f.strike = true },
	"autolink":          func(f *feature) { f.linkify = true },
	"url":               func(f *feature) { f.linkify = true },
	"tables":            func(f *feature) { f.tables = true },
	"table":             func(f *feature) { f.tables = true },
	"footnotes":         func(f *feature) { f.footnotes = true },
	"task_lists":        func(f *feature) { f.tasks = true },
	"superscript":       func(f *feature) { f.sup = true },
	"subscript":         func(f *feature) { f.sub = true },
	"hard_wrap":         func(f *feature) { f.hardWrap = true },
	"fenced_code":       nil,
	"no_intra_emphasis": nil,
}

// acceptedNoOps are other names Isso knows; refusing them would stop an
// existing Isso configuration from loading, so they are accepted and
// reported by Renderer.Ignored.
var acceptedNoOps = []string{
	"def_list", "abbr", "mark", "insert", "math", "ruby", "spoiler",
	"disable_indented_code", "highlight", "quote", "underline",
	"space_headers", "math_explicit",
}

// normName lower-cases a name and unifies misaka's "-" with mistune's "_".
func normName(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
}

// features resolves the option names; unknown extensions are an error.
func (o Options) features() (feature, error) {
	f := feature{rawHTML: o.RawHTML}
	for _, raw := range o.Extensions {
		name := normName(raw)
		if name == "" {
			continue
		}
		set, known := extensionSetters[name]
		switch {
		case known && set != nil:
			set(&f)
		case known || slices.Contains(acceptedNoOps, name):
			f.ignored = append(f.ignored, name)
		default:
			return feature{}, fmt.Errorf("markup: unknown extension %q", raw)
		}
	}
	for _, raw := range o.Parameters {
		switch normName(raw) {
		case "hard_wrap":
			f.hardWrap = true
		case "escape", "skip_html":
			f.rawHTML = false
		}
	}
	// mistune (no raw HTML) escapes every "&" of the text with its escape
	// parameter; misaka always decodes entity references.
	f.mistune = !o.RawHTML
	f.literal = f.mistune && slices.ContainsFunc(o.Parameters, func(p string) bool { return normName(p) == "escape" })
	return f, nil
}

// namePattern is what an element or attribute name may look like; it also
// rules out framework syntaxes such as "@click", ":href" or "xlink:href".
var namePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// deniedElements execute code, load documents, submit forms or change the
// host page; comments are inserted into the host page, so no configuration
// may allow them.
var deniedElements = []string{
	"script", "style", "iframe", "frame", "frameset", "object", "embed",
	"applet", "base", "link", "meta", "form", "input", "button", "textarea",
	"select", "svg", "math", "template", "noscript", "title", "html", "head",
	"body",
}

// deniedAttributes could style the host page (style, class with the host's
// CSS), clobber its DOM globals (id, name) or run script.
var deniedAttributes = []string{"style", "class", "id", "name", "srcdoc", "formaction"}

// deniedAttrPrefixes are event handlers and the directive prefixes of
// htmx, Alpine, Vue and Angular (data-* also covers data-hx-*).
var deniedAttrPrefixes = []string{"on", "hx-", "data-", "x-", "v-", "ng-"}

// cleanElements validates and normalises configured element names.
func cleanElements(in []string) ([]string, error) {
	return cleanNames(in, "element", func(n string) bool {
		return slices.Contains(deniedElements, n)
	})
}

// cleanAttributes validates and normalises configured attribute names.
func cleanAttributes(in []string) ([]string, error) {
	return cleanNames(in, "attribute", func(n string) bool {
		if slices.Contains(deniedAttributes, n) {
			return true
		}
		return slices.ContainsFunc(deniedAttrPrefixes, func(p string) bool {
			return strings.HasPrefix(n, p)
		})
	})
}

// cleanNames lower-cases, de-duplicates, sorts and checks names.
func cleanNames(in []string, what string, denied func(string) bool) ([]string, error) {
	var out []string
	for _, raw := range in {
		n := strings.ToLower(strings.TrimSpace(raw))
		switch {
		case n == "":
			continue
		case !namePattern.MatchString(n):
			return nil, fmt.Errorf("markup: invalid %s name %q", what, raw)
		case denied(n):
			return nil, fmt.Errorf("markup: %s %q may not be allowed in comments", what, raw)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
