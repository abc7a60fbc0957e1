package markup

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// literalWriter writes Markdown text the way Isso's mistune does with its
// escape parameter (Isso's default): every "&" is text, so an entity
// reference typed in a comment ("&amp;", "&copy;") is shown as typed
// instead of being decoded. Backslash escapes still apply.
type literalWriter struct{ html.Writer }

func newLiteralWriter() literalWriter { return literalWriter{html.NewWriter()} }

var replacementChar = []byte("\ufffd")

// Write implements html.Writer.
func (literalWriter) Write(w util.BufWriter, src []byte) {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]) {
			i++
			c = src[i]
		}
		switch e := util.EscapeHTMLByte(c); {
		case c == 0:
			_, _ = w.Write(replacementChar)
		case e != nil:
			_, _ = w.Write(e)
		default:
			_ = w.WriteByte(c)
		}
	}
}

// indentedCode renders an indented code block as mistune does: without
// the newline goldmark keeps after its last line ("<pre><code>x</code>",
// not "x\n"). Fenced blocks keep theirs, in Isso as in goldmark, and so
// does misaka's indented code.
type indentedCode struct{}

// Extend registers the renderer ahead of goldmark's default (1000).
func (e *indentedCode) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (e *indentedCode) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeBlock, e.render)
}

func (e *indentedCode) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<pre><code>")
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := seg.Value(src)
		if i == lines.Len()-1 && len(line) > 0 && line[len(line)-1] == '\n' {
			line = line[:len(line)-1]
		}
		_, _ = w.Write(util.EscapeHTML(line))
	}
	return ast.WalkContinue, nil
}
