package admin

import "time"

// Delivery is one outbox row on the Notifications page.
type Delivery struct {
	ID        int64
	Channel   string
	Kind      string // the message kind's i18n suffix, e.g. "created"
	CommentID int64
	Recipient string
	State     string // queued, sending, retrying, sent, failed
	Attempts  int
	Created   time.Time
	NextAt    time.Time
	SentAt    time.Time // zero until sent
	Answer    string    // the remote's last answer or the error
	Subject   string    // the thread's title or URI
}

// Resendable is true when "send again" applies (not while sending).
func (d Delivery) Resendable() bool { return d.State != "sending" }

// LinkAction is one moderation action taken through a signed link.
type LinkAction struct {
	At        time.Time
	Action    string // activated, edited or deleted
	CommentID int64
	Via       string
	Addr      string
}

// Notifications is the Notifications page.
type Notifications struct {
	Page
	Channels   []string
	Failing    []string // channels whose last attempts all failed
	State      string   // the state shown, "" for all
	Deliveries []Delivery
	Older      string // URL of the next page, "" on the last
	Actions    []LinkAction
}

// deliveryStates are the filters offered on the Notifications page.
var deliveryStates = []string{"", "queued", "retrying", "failed", "sent"}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

// FailingAfter is how many failed attempts in a row make a channel's
// warning show on the dashboard and the Notifications page.
const FailingAfter = 3
