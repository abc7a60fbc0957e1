package admin

import "github.com/natter/natter/internal/markup"

// LinkConfirm is the page a moderation link from a notification opens:
// the comment, in the owner's language, and a button whose POST to the
// same URL acts (a link preview's GET changes nothing).
type LinkConfirm struct {
	M       Msgs
	CSSURL  string
	Action  string // "activate" or "delete"
	ID      int64
	Author  string
	Created string // UTC, "2006-01-02 15:04"
	Pending bool
	HTML    markup.SafeHTML
	Target  string // the comment on its page, "" when unknown
}

func linkButton(action string) string {
	if action == "delete" {
		return dangerButton
	}
	return primaryButton
}
