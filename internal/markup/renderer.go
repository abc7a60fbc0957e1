// Package markup turns comment Markdown into sanitised HTML the way Isso
// does (isso-compat §7.9): goldmark, then one bluemonday policy, then an
// HTML5 re-serialisation that balances tags and adds rel to links.
package markup

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
)

// RendererVersion identifies this package's output. Bump it whenever the
// HTML produced for the same input and options changes, so render caches
// keyed by Renderer.Version are invalidated.
const RendererVersion = "3"

// SafeHTML is sanitised HTML that may be inserted into a page unescaped.
// Only this package produces it; converting any other string to SafeHTML
// defeats the point and should not pass review.
type SafeHTML string

// String returns the HTML as a plain string.
func (h SafeHTML) String() string { return string(h) }

// Renderer converts Markdown to SafeHTML. It is immutable after New and
// safe for concurrent use.
type Renderer struct {
	md      goldmark.Markdown
	policy  *bluemonday.Policy
	version string
	ignored []string
}

// New builds a Renderer. It fails on unknown extension names and on
// allowed elements or attributes that could run script or restyle the
// host page (style, class, id, on*, hx-*, data-*, script, iframe, …).
func New(o Options) (*Renderer, error) {
	f, err := o.features()
	if err != nil {
		return nil, err
	}
	extraElems, err := cleanElements(o.AllowedElements)
	if err != nil {
		return nil, err
	}
	extraAttrs, err := cleanAttributes(o.AllowedAttributes)
	if err != nil {
		return nil, err
	}
	elems, attrs := allowLists(f, extraElems, extraAttrs)
	return &Renderer{
		md:      newMarkdown(f),
		policy:  newPolicy(elems, attrs),
		version: fingerprint(f, elems, attrs),
		ignored: f.ignored,
	}, nil
}

// Render converts Markdown source to sanitised HTML; empty source gives
// "<p></p>" as in Isso. It never fails: should a stage report an error,
// the source is returned as escaped text.
func (r *Renderer) Render(md string) SafeHTML {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(md), &buf); err != nil {
		return escaped(md)
	}
	out, err := finish(r.policy.Sanitize(buf.String()))
	if err != nil {
		return escaped(md)
	}
	return SafeHTML(out)
}

// Version is a short stable fingerprint of the configuration and
// RendererVersion, for use as a render cache key.
func (r *Renderer) Version() string { return r.version }

// Ignored lists the configured extension names that were accepted (Isso
// knows them) but have no effect, so the caller can warn about them.
func (r *Renderer) Ignored() []string { return append([]string(nil), r.ignored...) }

// escaped is the fallback rendering: the source as one paragraph of text.
func escaped(md string) SafeHTML {
	return SafeHTML("<p>" + html.EscapeString(md) + "</p>")
}

// fingerprint hashes everything that influences the output.
func fingerprint(f feature, elems, attrs []string) string {
	key := fmt.Sprintf("%s|%t%t%t%t%t%t%t%t%t%t%t|%s|%s", RendererVersion,
		f.strike, f.linkify, f.tables, f.footnotes, f.tasks, f.sub, f.sup, f.hardWrap, f.rawHTML, f.mistune, f.literal,
		strings.Join(elems, ","), strings.Join(attrs, ","))
	sum := sha256.Sum256([]byte(key))
	return "v" + RendererVersion + "-" + hex.EncodeToString(sum[:6])
}
