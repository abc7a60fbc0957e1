package markup

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTML decides what happens to HTML typed into a comment. goldmark's
// safe default silently drops it; Isso's mistune shows it escaped, and
// misaka passes it to the sanitiser. pass selects the misaka behaviour:
// even then the HTML only ever reaches the bluemonday policy, never the
// output directly.
type rawHTML struct{ pass bool }

// Extend registers the renderers ahead of goldmark's defaults (1000).
func (e *rawHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (e *rawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, e.renderInline)
	reg.Register(ast.KindHTMLBlock, e.renderBlock)
}

// renderInline writes inline HTML such as "<b>" inside a paragraph.
func (e *rawHTML) renderInline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	for i := range segs.Len() {
		seg := segs.At(i)
		e.write(w, seg.Value(src))
	}
	return ast.WalkSkipChildren, nil
}

// renderBlock writes an HTML block; escaped, it becomes a paragraph of
// text as in mistune.
func (e *rawHTML) renderBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var buf bytes.Buffer
	for i := range b.Lines().Len() {
		line := b.Lines().At(i)
		buf.Write(line.Value(src))
	}
	if b.HasClosure() {
		buf.Write(b.ClosureLine.Value(src))
	}
	if e.pass {
		_, _ = w.Write(buf.Bytes())
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p>")
	e.write(w, bytes.TrimSpace(buf.Bytes()))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// write emits HTML for the sanitiser, or escaped text.
func (e *rawHTML) write(w util.BufWriter, b []byte) {
	if e.pass {
		_, _ = w.Write(b)
		return
	}
	_, _ = w.Write(util.EscapeHTML(b))
}
