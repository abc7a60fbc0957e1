package notify

import "strings"

// Isso's subjects (isso-compat §7.8), kept in English for drop-in
// compatibility with mail filters; the HTML alternative is localised.
const (
	subjectNew   = "New comment posted"
	subjectReply = "Re: New comment posted"
)

// mailSubject is Isso's subject: "New comment posted[ on <title>]" for the
// owner, "Re: New comment posted on <title>" for reply mails.
func mailSubject(m Message) string {
	if m.Kind == KindTest {
		return locale(m.Lang).T("notify.subject_test")
	}
	s := subjectNew
	if m.Kind == KindReply {
		s = subjectReply
	}
	if m.Thread.Title != "" {
		s += " on " + m.Thread.Title
	}
	return s
}

// mailText is Isso's plain-text body, byte for byte: the owner's mail with
// e-mail, website, address and moderation links; a reply mail with the
// unsubscribe link.
func mailText(m Message) string {
	owner := m.Kind != KindReply
	c := m.Comment
	if m.Kind == KindTest {
		return c.Text + "\n"
	}
	var b strings.Builder
	author := c.Author
	if author == "" {
		author = "Anonymous"
	}
	if owner && c.Email != "" {
		author += " <" + c.Email + ">"
	}
	b.WriteString(author + " wrote:\n\n" + c.Text + "\n\n")
	if owner {
		if c.Website != "" {
			b.WriteString("User's URL: " + c.Website + "\n")
		}
		b.WriteString("IP address: " + c.RemoteAddr + "\n")
	}
	b.WriteString("Link to comment: " + m.Links.Comment + "\n\n---\n")
	if !owner {
		b.WriteString("Unsubscribe from this conversation: " + m.Links.Unsubscribe + "\n")
		return b.String()
	}
	if m.Links.Delete != "" {
		b.WriteString("Delete comment: " + m.Links.Delete + "\n")
	}
	if c.Pending() && m.Links.Activate != "" {
		b.WriteString("Activate comment: " + m.Links.Activate + "\n")
	}
	return b.String()
}
