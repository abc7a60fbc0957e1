package markup

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindScript is the AST kind of a subscript or superscript span.
var kindScript = ast.NewNodeKind("Script")

// scriptNode is "~x~" (sub) or "^x^" (sup), mistune's syntax.
type scriptNode struct {
	ast.BaseInline
	tag string
}

// Kind implements ast.Node.
func (n *scriptNode) Kind() ast.NodeKind { return kindScript }

// Dump implements ast.Node.
func (n *scriptNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// script is a goldmark extension for one of the two spans. Like mistune,
// the content is plain text without whitespace.
type script struct {
	mark byte
	tag  string
}

// Extend registers the parser before strikethrough (500), so that a single
// "~" is a subscript and only "~~" strikes through.
func (s *script) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(s, 450)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(s, 450)))
}

// Trigger implements parser.InlineParser.
func (s *script) Trigger() []byte { return []byte{s.mark} }

// Parse implements parser.InlineParser.
func (s *script) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	if block.PrecendingCharacter() == rune(s.mark) {
		return nil
	}
	line, seg := block.PeekLine()
	end := s.closing(line)
	if end < 0 {
		return nil
	}
	n := &scriptNode{tag: s.tag}
	n.AppendChild(n, ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+end)))
	block.Advance(end + 1)
	return n
}

// closing returns the index of the closing mark, or -1.
func (s *script) closing(line []byte) int {
	if len(line) < 3 || line[1] == s.mark {
		return -1
	}
	for i := 1; i < len(line); i++ {
		switch c := line[i]; {
		case c == s.mark:
			return i
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return -1
		case c == '\\':
			i++
		}
	}
	return -1
}

// RegisterFuncs implements renderer.NodeRenderer.
func (s *script) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindScript, renderScript)
}

// renderScript writes the tag around the already escaped content.
func renderScript(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	tag := n.(*scriptNode).tag
	if entering {
		_, _ = w.WriteString("<" + tag + ">")
	} else {
		_, _ = w.WriteString("</" + tag + ">")
	}
	return ast.WalkContinue, nil
}
