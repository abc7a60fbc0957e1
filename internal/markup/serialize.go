package markup

import (
	"strings"

	"golang.org/x/net/html"
)

// voidElements have no end tag; html5lib writes them as <br>, not <br/>.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	attrEscaper = strings.NewReplacer("&", "&amp;", `"`, "&quot;")
)

// serialize writes n as Isso 0.14's answers read: text escapes &, <, >
// and " (mistune escapes quotes and bleach keeps the entity) but not "'"
// (so "don't" stays as typed), attribute
// values are double-quoted with & and " escaped, void elements have no
// slash. The output means the same as html.Render's; it is the bytes
// Isso's API returns.
func serialize(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(textEscaper.Replace(n.Data))
	case html.CommentNode:
		b.WriteString("<!--" + n.Data + "-->")
	case html.ElementNode:
		b.WriteString("<" + n.Data)
		for _, a := range n.Attr {
			b.WriteString(" " + a.Key + `="` + attrEscaper.Replace(a.Val) + `"`)
		}
		b.WriteByte('>')
		if voidElements[n.Data] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			serialize(b, c)
		}
		b.WriteString("</" + n.Data + ">")
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			serialize(b, c)
		}
	}
}
