package markup

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// linkRel is what every non-mail link gets, as in Isso: comments are
// untrusted (nofollow) and must not script their opener (noopener).
var linkRel = []string{"nofollow", "noopener"}

// bodyContext is the element a comment is parsed inside of.
var bodyContext = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}

// finish applies Isso's wrap step, then re-parses the sanitised HTML with
// an HTML5 parser and serialises it. Like Isso's html5lib pass, this
// balances every tag, so a comment can never close or leave open an
// element of the page it is embedded in; it is also where rel is added.
func finish(sanitised string) (string, error) {
	nodes, err := html.ParseFragment(strings.NewReader(wrap(sanitised)), bodyContext)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, n := range nodes {
		addRel(n)
		serialize(&b, n)
	}
	return b.String(), nil
}

// wrap is Isso's step: trailing newlines go, and unless the HTML starts
// with <p> or ends with </p> it is wrapped in a paragraph; the parser then
// turns "<p><h1>…</h1></p>" into "<p></p><h1>…</h1><p></p>" as in Isso, and
// empty text becomes "<p></p>".
func wrap(s string) string {
	s = strings.TrimRight(s, "\n")
	if strings.HasPrefix(s, "<p>") || strings.HasSuffix(s, "</p>") {
		return s
	}
	return "<p>" + s + "</p>"
}

// addRel merges linkRel into the rel of every <a href> below n, except
// mailto links, matching Isso (case-insensitive, existing values kept).
func addRel(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		setRel(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		addRel(c)
	}
}

// setRel updates one anchor element.
func setRel(a *html.Node) {
	href, hasHref := attr(a, "href")
	if !hasHref || strings.HasPrefix(strings.ToLower(strings.TrimSpace(href)), "mailto:") {
		return
	}
	rel, _ := attr(a, "rel")
	vals := strings.Fields(rel)
	for _, want := range linkRel {
		if !slices.ContainsFunc(vals, func(v string) bool { return strings.EqualFold(v, want) }) {
			vals = append(vals, want)
		}
	}
	a.Attr = slices.DeleteFunc(a.Attr, func(x html.Attribute) bool { return x.Key == "rel" })
	a.Attr = append(a.Attr, html.Attribute{Key: "rel", Val: strings.Join(vals, " ")})
}

// attr returns the value of the named attribute.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}
