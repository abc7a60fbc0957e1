package markup

import (
	"regexp"
	"slices"

	"github.com/microcosm-cc/bluemonday"
)

// defaultElements is Isso's built-in allow-list (isso-compat §7.9). It has
// no "tr"; New adds it when tables are enabled, otherwise every table would
// lose its rows.
var defaultElements = []string{
	"a", "p", "hr", "br", "ol", "ul", "li", "pre", "code", "blockquote",
	"del", "ins", "strong", "em", "h1", "h2", "h3", "h4", "h5", "h6",
	"sub", "sup", "table", "thead", "tbody", "th", "td",
}

// languageClass is the only class value kept: fenced code's language tag.
var languageClass = regexp.MustCompile(`^language-[a-zA-Z0-9]{1,20}$`)

// alignValue restricts table alignment to its three meaningful values.
var alignValue = regexp.MustCompile(`^(left|center|right)$`)

// newPolicy builds the sanitiser once; it is never mutated afterwards, so
// it is safe to share between goroutines.
func newPolicy(elements, attrs []string) *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(elements...)
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("align").Matching(alignValue).OnElements("table", "th", "td")
	p.AllowAttrs("class").Matching(languageClass).OnElements("code")
	if len(attrs) > 0 {
		p.AllowAttrs(attrs...).OnElements(elements...)
	}
	// Only web and mail links, plus relative and fragment URLs, as Isso.
	// Everything else (javascript:, data:, vbscript:, sms:…) is dropped.
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return p
}

// allowLists merges Isso's defaults with the configured extras.
func allowLists(f feature, extraElems, extraAttrs []string) (elems, attrs []string) {
	elems = slices.Clone(defaultElements)
	if f.tables {
		elems = append(elems, "tr")
	}
	elems = append(elems, extraElems...)
	attrs = slices.Clone(extraAttrs)
	// Isso adds src when img is allowed; an img without it is useless.
	if slices.Contains(elems, "img") && !slices.Contains(attrs, "src") {
		attrs = append(attrs, "src")
	}
	slices.Sort(elems)
	slices.Sort(attrs)
	return slices.Compact(elems), attrs
}
