package titlefetch

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// discover parses page and extracts the title and the data-isso-id override
// as §7.3 describes. Only a reader error fails it: HTML5 parsing accepts
// any input.
func discover(page io.Reader) (title, newURI string, err error) {
	doc, err := html.Parse(page)
	if err != nil {
		return "", "", fmt.Errorf("titlefetch: parse page: %w", err)
	}
	thread := threadElement(doc)
	if thread == nil {
		return Untitled, "", nil
	}
	// An empty data-isso-id would make Isso store the thread under "";
	// treating it as absent keeps "" meaning "URI unchanged".
	if id, ok := attr(thread, "data-isso-id"); ok && id != "" {
		newURI = unquote(id)
	}
	// Presence decides, as in Isso: an empty data-title gives an empty title.
	if t, ok := attr(thread, "data-title"); ok {
		return clip(unquote(t)), newURI, nil
	}
	if h1 := nearbyH1(thread); h1 != nil {
		return clip(trim(textContent(h1))), newURI, nil
	}
	return Untitled, newURI, nil
}

// threadElement returns the comment placeholder. Isso lists all divs before
// all sections, so a div#isso-thread wins over an earlier section; Natter's
// own data-natter-thread marker is used only when Isso's is absent.
func threadElement(doc *html.Node) *html.Node {
	var div, section, natter *html.Node
	for n := doc; n != nil; n = nextInDocument(n, doc) {
		if n.Type != html.ElementNode {
			continue
		}
		if id, ok := attr(n, "id"); ok && id == "isso-thread" {
			switch {
			case n.Data == "div" && div == nil:
				div = n
			case n.Data == "section" && section == nil:
				section = n
			}
		}
		if _, ok := attr(n, "data-natter-thread"); ok && natter == nil {
			natter = n
		}
	}
	switch {
	case div != nil:
		return div
	case section != nil:
		return section
	}
	return natter
}

// nearbyH1 is Isso's search: from the thread element up through each
// ancestor, look for an h1 among its children, descending only into the
// first child element not searched before.
func nearbyH1(thread *html.Node) *html.Node {
	visited := make(map[*html.Node]bool)
	for el := thread; el != nil; el = el.Parent {
		visited[el] = true
		if h1 := searchH1(el, visited); h1 != nil {
			return h1
		}
	}
	return nil
}

// searchH1 is Isso's recursive scan written as a loop, since it only ever
// descends into one child: an h1 child is returned at once, otherwise the
// first unvisited element child is searched and its result is final.
func searchH1(n *html.Node, visited map[*html.Node]bool) *html.Node {
	for n != nil {
		var next *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "h1" {
				return c
			}
			if !visited[c] {
				next = c
				break
			}
		}
		n = next
	}
	return nil
}

// textContent concatenates every text node below n in document order;
// comments are not text, as in Isso's DOM walk.
func textContent(n *html.Node) string {
	var b strings.Builder
	for d := n.FirstChild; d != nil; d = nextInDocument(d, n) {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// nextInDocument returns the node after n in a pre-order walk of root's
// subtree, or nil. It is iterative so that deeply nested pages cannot
// exhaust the stack.
func nextInDocument(n, root *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil && n != root; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// attr returns the first attribute named key; the HTML5 parser keeps the
// first of duplicated attributes, and so does this.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
