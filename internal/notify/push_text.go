package notify

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of pushed texts, in characters: chat apps cut long messages
// anyway, and a comment should not flood the owner's phone.
const (
	maxText   = 500
	maxAuthor = 64
	maxTitle  = 80
)

// pushText is what a chat push says, in the owner's language, with no
// e-mail and no IP address.
type pushText struct {
	Title   string // one line
	Author  string
	Body    string // the comment text, sanitised and truncated
	Pending string // the "waits for approval" line, if pending
	Links   []mailLink
}

func newPushText(m Message) pushText {
	l := locale(m.Lang)
	author := clean(authorName(l, m.Comment.Author), maxAuthor, false)
	title := clean(titleOf(m.Thread), maxTitle, false)
	p := pushText{Author: author, Body: clean(m.Comment.Text, maxText, true)}
	switch m.Kind {
	case KindTest:
		p.Title = l.T("notify.subject_test")
		return p
	case KindActivated:
		p.Title = l.T("notify.activated", "title", title)
	case KindEdited:
		p.Title = l.T("notify.edited", "title", title)
	case KindDeleted:
		p.Title = l.T("notify.deleted", "title", title)
	default:
		p.Title = l.T("notify.commented", "author", author, "title", title)
	}
	if m.Kind == KindNew && m.Comment.Pending() {
		p.Pending = l.T("notify.pending")
		p.Links = appendLink(p.Links, l.T("notify.approve"), m.Links.Activate)
	}
	if m.Kind == KindNew {
		p.Links = appendLink(p.Links, l.T("notify.delete"), m.Links.Delete)
	}
	p.Links = appendLink(p.Links, l.T("notify.view"), m.Links.Comment)
	return p
}

func appendLink(links []mailLink, label, url string) []mailLink {
	if url == "" {
		return links
	}
	return append(links, mailLink{label, url})
}

// Plain renders the push as plain text (feishu, telegram).
func (p pushText) Plain() string {
	var b strings.Builder
	b.WriteString(p.Title + "\n")
	if p.Body != "" {
		b.WriteString("\n" + p.Body + "\n")
	}
	if p.Pending != "" {
		b.WriteString("\n" + p.Pending + "\n")
	}
	for i, l := range p.Links {
		if i == 0 {
			b.WriteString("\n")
		}
		b.WriteString(l.Label + ": " + l.URL + "\n")
	}
	return b.String()
}

// Markdown renders the push as Markdown (wechat, wecom, dingtalk): the
// comment quoted with every Markdown character escaped, so a comment
// cannot forge an "approve" link.
func (p pushText) Markdown() string {
	var b strings.Builder
	b.WriteString("**" + escapeMarkdown(p.Title) + "**\n\n")
	if p.Body != "" {
		for line := range strings.SplitSeq(p.Body, "\n") {
			b.WriteString("> " + escapeMarkdown(line) + "\n")
		}
		b.WriteString("\n")
	}
	if p.Pending != "" {
		b.WriteString(escapeMarkdown(p.Pending) + "\n\n")
	}
	links := make([]string, len(p.Links))
	for i, l := range p.Links {
		links[i] = "[" + escapeMarkdown(l.Label) + "](" + l.URL + ")"
	}
	b.WriteString(strings.Join(links, " · ") + "\n")
	return b.String()
}

// clean unescapes Isso's HTML escaping, drops control and format
// characters (keeping line breaks when multiline), collapses blank lines
// and cuts the text to max characters.
func clean(s string, max int, multiline bool) string {
	s = html.UnescapeString(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && multiline:
			return r
		case r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return truncate(strings.TrimSpace(s), max)
}

// truncate cuts s to max characters, marking the cut with "…".
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

// escapeMarkdown backslash-escapes every ASCII punctuation character
// Markdown gives a meaning to.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+-.!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
