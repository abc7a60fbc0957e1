package importer

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToMarkdown turns an HTML comment body into Markdown that keeps its
// paragraphs, line breaks, emphasis, quotes, code and http(s) links, and
// nothing else: scripts, styles, frames, images, attributes and event
// handlers are dropped, and any "<" left in the text is escaped, so the
// result renders as text even with a renderer that passes raw HTML.
func htmlToMarkdown(s string) string {
	c := &converter{out: []*strings.Builder{{}}}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		c.token(z.Token())
	}
	for len(c.out) > 1 {
		c.closeBlock(atom.Blockquote)
	}
	return tidyParagraphs(c.out[0].String())
}

// converter is the state of one conversion: a stack of blocks being
// written (quotes nest), and the element whose content is being dropped.
type converter struct {
	out  []*strings.Builder
	skip atom.Atom // inside <script> and the like
	pre  int       // inside <pre>
	href []string  // open links' targets ("" for unsafe ones)
}

func (c *converter) w() *strings.Builder { return c.out[len(c.out)-1] }

func dropped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Iframe, atom.Object, atom.Embed, atom.Template,
		atom.Noscript, atom.Svg, atom.Math, atom.Textarea, atom.Select, atom.Head, atom.Title:
		return true
	}
	return false
}

func (c *converter) token(t html.Token) {
	if c.skip != 0 {
		if t.Type == html.EndTagToken && t.DataAtom == c.skip {
			c.skip = 0
		}
		return
	}
	switch t.Type {
	case html.TextToken:
		c.text(t.Data)
	case html.StartTagToken, html.SelfClosingTagToken:
		if dropped(t.DataAtom) {
			if t.Type == html.StartTagToken {
				c.skip = t.DataAtom
			}
			return
		}
		c.open(t)
	case html.EndTagToken:
		c.close(t.DataAtom)
	}
}

func (c *converter) text(s string) {
	w := c.w()
	if c.pre == 0 {
		s = collapseSpace(s)
		if w.Len() == 0 || strings.HasSuffix(w.String(), "\n") || strings.HasSuffix(w.String(), " ") {
			s = strings.TrimLeft(s, " ")
		}
	}
	w.WriteString(strings.ReplaceAll(s, "<", "&lt;"))
}

// collapseSpace turns each run of HTML white space into one space, as a
// browser shows it; other spaces (no-break, ideographic) are text.
func collapseSpace(s string) string {
	f := strings.FieldsFunc(s, isHTMLSpace)
	if len(f) == 0 {
		if s != "" {
			return " "
		}
		return ""
	}
	out := strings.Join(f, " ")
	if r, _ := utf8.DecodeRuneInString(s); isHTMLSpace(r) {
		out = " " + out
	}
	if r, _ := utf8.DecodeLastRuneInString(s); isHTMLSpace(r) {
		out += " "
	}
	return out
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

func (c *converter) open(t html.Token) {
	w := c.w()
	switch t.DataAtom {
	case atom.Br:
		w.WriteString("  \n")
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Table, atom.Tr:
		w.WriteString("\n\n")
	case atom.Li:
		w.WriteString("\n- ")
	case atom.Strong, atom.B:
		w.WriteString("**")
	case atom.Em, atom.I:
		w.WriteString("*")
	case atom.Code:
		if c.pre == 0 {
			w.WriteString("`")
		}
	case atom.Pre:
		c.pre++
		w.WriteString("\n\n```\n")
	case atom.Blockquote:
		c.out = append(c.out, &strings.Builder{})
	case atom.A:
		c.href = append(c.href, safeHref(attr(t, "href")))
		if c.href[len(c.href)-1] != "" {
			w.WriteString("[")
		}
	}
}

func (c *converter) close(a atom.Atom) {
	w := c.w()
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Table, atom.Tr:
		w.WriteString("\n\n")
	case atom.Strong, atom.B:
		w.WriteString("**")
	case atom.Em, atom.I:
		w.WriteString("*")
	case atom.Code:
		if c.pre == 0 {
			w.WriteString("`")
		}
	case atom.Pre:
		if c.pre > 0 {
			c.pre--
			w.WriteString("\n```\n\n")
		}
	case atom.Blockquote:
		c.closeBlock(a)
	case atom.A:
		if n := len(c.href); n > 0 {
			if h := c.href[n-1]; h != "" {
				w.WriteString("](" + h + ")")
			}
			c.href = c.href[:n-1]
		}
	}
}

// closeBlock ends a quote: its text, each line prefixed with "> ", goes
// into the enclosing block.
func (c *converter) closeBlock(atom.Atom) {
	if len(c.out) < 2 {
		return
	}
	inner := tidyParagraphs(c.w().String())
	c.out = c.out[:len(c.out)-1]
	lines := strings.Split(inner, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	c.w().WriteString("\n\n" + strings.Join(lines, "\n") + "\n\n")
}

func attr(t html.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// safeHref keeps http(s) links only, percent-encoding what would end a
// Markdown link target early.
func safeHref(h string) string {
	u, err := url.Parse(strings.TrimSpace(h))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u.String())
}

// tidyParagraphs trims each line's trailing blanks (but a Markdown hard
// break), and collapses runs of blank lines into one.
func tidyParagraphs(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		hard := strings.HasSuffix(l, "  ") && strings.TrimSpace(l) != ""
		l = strings.TrimRight(l, " \t")
		if hard {
			l += "  "
		}
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), " \n")
}
