package notify

import "time"

// Kind is what a message is about; it is also the webhook's "event".
type Kind string

// The kinds of message.
const (
	KindNew       Kind = "comment.new"       // to the owner: a comment was posted
	KindActivated Kind = "comment.activated" // a pending comment was approved
	KindEdited    Kind = "comment.edited"
	KindDeleted   Kind = "comment.deleted"
	KindReply     Kind = "comment.reply" // to a reader: a reply in their conversation
	KindTest      Kind = "test"          // sent from the admin panel
)

// Message is one notification as queued: everything a channel needs, so
// delivery never reads the database (the comment may be gone by then).
type Message struct {
	Kind    Kind    `json:"kind"`
	Comment Comment `json:"comment"`
	Thread  Thread  `json:"thread"`
	Links   Links   `json:"links"`
	// To is the recipient of a reply mail ("" for the owner's messages).
	To string `json:"to,omitempty"`
	// Lang is the owner's language ([natter] lang) for texts beyond
	// Isso's English mails.
	Lang   string    `json:"lang"`
	Queued time.Time `json:"queued"`
}

// Comment is the comment as stored (Isso's escaping kept: author, e-mail
// and website are HTML-escaped, text is raw Markdown).
type Comment struct {
	ID         int64   `json:"id"`
	Parent     *int64  `json:"parent,omitempty"`
	Mode       int     `json:"mode"`
	Author     string  `json:"author,omitempty"`
	Email      string  `json:"email,omitempty"`
	Website    string  `json:"website,omitempty"`
	Text       string  `json:"text"`
	RemoteAddr string  `json:"remote_addr"` // anonymised by the comment service
	Created    float64 `json:"created"`
}

// Pending reports whether the comment waits for approval (Isso's mode 2).
func (c Comment) Pending() bool { return c.Mode == 2 }

// Thread is the page the comment belongs to.
type Thread struct {
	ID    int64  `json:"id"`
	URI   string `json:"uri"`
	Title string `json:"title"`
}

// Links are the URLs a message offers, fixed when it is queued. Activate,
// Delete and Edit carry Isso's signed comment id; Unsubscribe carries
// Isso's signed ["unsubscribe", e-mail]. Empty when not applicable.
type Links struct {
	Comment     string `json:"comment"`
	Activate    string `json:"activate,omitempty"`
	Delete      string `json:"delete,omitempty"`
	Edit        string `json:"edit,omitempty"`
	Unsubscribe string `json:"unsubscribe,omitempty"`
}
