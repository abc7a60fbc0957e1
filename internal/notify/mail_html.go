package notify

import (
	"bytes"
	"fmt"
	"html"
	"html/template"

	"github.com/natter/natter/internal/i18n"
)

// mailPage is the HTML alternative's view model: display strings in the
// owner's language, links as they are in the plain text.
type mailPage struct {
	Lang, Heading, Author, Text, Why string
	Pending, Website, IP             string
	Links                            []mailLink
}

type mailLink struct{ Label, URL string }

// The template escapes everything; the stored author is unescaped first so
// Isso's escaping is not shown twice ("&amp;amp;").
var mailTemplate = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Heading}}</title></head>
<body style="font-family:sans-serif;line-height:1.5;max-width:40em">
<p><strong>{{.Heading}}</strong></p>
<blockquote style="margin:0;padding:0 1em;border-left:3px solid #ccc;white-space:pre-wrap">{{.Text}}</blockquote>
{{if .Pending}}<p><em>{{.Pending}}</em></p>{{end}}
{{if .Website}}<p>{{.Website}}</p>{{end}}
{{if .IP}}<p>{{.IP}}</p>{{end}}
<p>{{range $i, $l := .Links}}{{if $i}} · {{end}}<a href="{{$l.URL}}">{{$l.Label}}</a>{{end}}</p>
<hr><p style="color:#666;font-size:small">{{.Why}}</p>
</body></html>
`))

// mailHTML renders the localised HTML alternative of a mail.
func mailHTML(m Message) (string, error) {
	var b bytes.Buffer
	if err := mailTemplate.Execute(&b, newMailPage(m)); err != nil {
		return "", fmt.Errorf("notify: render mail: %w", err)
	}
	return b.String(), nil
}

func newMailPage(m Message) mailPage {
	l := locale(m.Lang)
	c := m.Comment
	author := authorName(l, c.Author)
	p := mailPage{Lang: l.Tag, Author: author, Text: c.Text}
	if m.Kind == KindTest {
		p.Heading, p.Why = l.T("notify.subject_test"), l.T("notify.why_owner")
		return p
	}
	p.Links = []mailLink{{l.T("notify.view"), m.Links.Comment}}
	if m.Kind == KindReply {
		p.Heading = l.T("notify.replied", "author", author, "title", titleOf(m.Thread))
		p.Why = l.T("notify.why_reply")
		return withLink(p, l.T("notify.unsubscribe"), m.Links.Unsubscribe)
	}
	p.Heading = l.T("notify.commented", "author", author, "title", titleOf(m.Thread))
	p.Why = l.T("notify.why_owner")
	if c.Website != "" {
		p.Website = l.T("notify.website") + ": " + html.UnescapeString(c.Website)
	}
	p.IP = l.T("notify.ip") + ": " + c.RemoteAddr
	if c.Pending() {
		p.Pending = l.T("notify.pending")
		p = withLink(p, l.T("notify.approve"), m.Links.Activate)
	}
	return withLink(p, l.T("notify.delete"), m.Links.Delete)
}

func withLink(p mailPage, label, url string) mailPage {
	if url != "" {
		p.Links = append(p.Links, mailLink{label, url})
	}
	return p
}

// locale is the catalogue for tag, English when unknown.
func locale(tag string) *i18n.Locale {
	if l, ok := i18n.Lookup(tag); ok {
		return l
	}
	return i18n.English()
}

// authorName is the stored (escaped) author as plain text.
func authorName(l *i18n.Locale, stored string) string {
	if stored == "" {
		return l.T("comment.anonymous")
	}
	return html.UnescapeString(stored)
}

// titleOf is the thread's title, or its URI when it has none.
func titleOf(t Thread) string {
	if t.Title != "" {
		return t.Title
	}
	return t.URI
}
