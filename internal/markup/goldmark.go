package markup

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
)

// newMarkdown builds the goldmark converter for the resolved features.
// html.WithUnsafe is never used: raw HTML is handled by rawHTMLRenderer, and
// goldmark's own dangerous-URL filter stays on as a first line of defence.
func newMarkdown(f feature) goldmark.Markdown {
	exts := []goldmark.Extender{&linkGuard{}, &rawHTML{pass: f.rawHTML}}
	if f.strike {
		exts = append(exts, extension.Strikethrough)
	}
	if f.linkify {
		exts = append(exts, extension.Linkify)
	}
	if f.tables {
		exts = append(exts, extension.NewTable(
			// An align attribute instead of style="text-align:…", which the
			// sanitiser would drop (no style attributes, ever).
			extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)))
	}
	if f.footnotes {
		exts = append(exts, extension.Footnote)
	}
	if f.tasks {
		exts = append(exts, extension.TaskList)
	}
	if f.sub {
		exts = append(exts, &script{mark: '~', tag: "sub"})
	}
	if f.sup {
		exts = append(exts, &script{mark: '^', tag: "sup"})
	}
	var ropts []renderer.Option
	if f.hardWrap {
		ropts = append(ropts, html.WithHardWraps())
	}
	if f.mistune {
		exts = append(exts, &indentedCode{})
	}
	if f.literal {
		ropts = append(ropts, html.WithWriter(newLiteralWriter()))
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithRendererOptions(ropts...),
	)
}
