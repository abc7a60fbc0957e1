package markup

import (
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// harmfulLink replaces unsafe link targets, exactly as Isso's mistune does,
// so the reader still sees that the text was a link.
const harmfulLink = "#harmful-link"

// linkGuard rewrites Markdown links whose scheme is not http, https or
// mailto. The sanitiser would drop such hrefs anyway; this keeps Isso's
// visible behaviour and is a second, independent check.
type linkGuard struct{}

// Extend registers the AST transformer.
func (g *linkGuard) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(g, 100)))
}

// Transform implements parser.ASTTransformer.
func (g *linkGuard) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var unsafe []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			if !safeURL(string(l.Destination)) {
				l.Destination = []byte(harmfulLink)
			}
		case *ast.AutoLink:
			if l.AutoLinkType == ast.AutoLinkURL && !safeURL(string(l.URL(src))) {
				unsafe = append(unsafe, l)
			}
		}
		return ast.WalkContinue, nil
	})
	// Replaced after the walk: changing the tree while walking it is unsafe.
	for _, l := range unsafe {
		link := ast.NewLink()
		link.Destination = []byte(harmfulLink)
		link.AppendChild(link, ast.NewString(l.Label(src)))
		l.Parent().ReplaceChild(l.Parent(), l, link)
	}
}

// safeURL reports whether a link target is relative, a fragment, or uses
// http, https or mailto. goldmark resolves entities in hrefs, and browsers
// ignore tabs, newlines and leading control characters ("java\tscript:"),
// so both are undone before looking for the scheme.
func safeURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, html.UnescapeString(u))
	colon := strings.IndexByte(u, ':')
	if colon < 0 || strings.ContainsAny(u[:colon], "/?#") {
		return true
	}
	switch strings.ToLower(u[:colon]) {
	case "http", "https", "mailto":
		return true
	}
	return false
}
