package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/natter/natter/internal/store"
)

// ErrUnknownChannel is returned for a channel that is not configured.
var ErrUnknownChannel = errors.New("notify: channel not configured")

// Delivery is one outbox row as the admin panel shows it.
type Delivery struct {
	ID        int64
	Channel   string
	Kind      Kind
	CommentID int64
	Recipient string // reply mails only
	State     string // queued, sending, retrying, sent, failed
	Attempts  int
	Created   time.Time
	NextAt    time.Time
	SentAt    *time.Time
	Answer    string // the remote's last answer or the error
	Message   Message
}

// Deliveries lists deliveries, newest first.
func (n *Notifier) Deliveries(ctx context.Context, f store.OutboxFilter) ([]Delivery, error) {
	rows, err := n.worker.box.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Delivery, len(rows))
	for i, r := range rows {
		out[i] = toDelivery(r)
	}
	return out, nil
}

// Delivery returns one delivery.
func (n *Notifier) Delivery(ctx context.Context, id int64) (Delivery, error) {
	r, err := n.worker.box.Get(ctx, id)
	if err != nil {
		return Delivery{}, err
	}
	return toDelivery(r), nil
}

func toDelivery(r store.OutboxRow) Delivery {
	d := Delivery{ID: r.ID, Channel: r.Channel, Kind: Kind(r.Kind), CommentID: r.CommentID, Recipient: r.Recipient,
		State: r.State, Attempts: r.Attempts, Created: fromSeconds(r.Created), NextAt: fromSeconds(r.NextAt), Answer: r.Answer}
	if r.SentAt != nil {
		t := fromSeconds(*r.SentAt)
		d.SentAt = &t
	}
	_ = json.Unmarshal([]byte(r.Payload), &d.Message) // a bad payload shows empty; delivery reports it
	return d
}

// Failing lists the channels whose last n deliveries (test messages
// aside) all failed, for the dashboard's warning.
func (n *Notifier) Failing(ctx context.Context, last int) ([]string, error) {
	var out []string
	for _, name := range n.names {
		states, err := n.worker.box.Recent(ctx, name, last)
		if err != nil {
			return nil, err
		}
		if len(states) == last && !slices.ContainsFunc(states, func(s string) bool { return s != store.OutboxFailed }) {
			out = append(out, name)
		}
	}
	return out, nil
}

// Resend queues a delivery again now (whatever its state, unless it is
// being sent), with a fresh give-up period.
func (n *Notifier) Resend(ctx context.Context, id int64) error {
	ok, err := n.worker.box.Requeue(ctx, id, seconds(n.worker.now()))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("notify: delivery %d is being sent or does not exist", id)
	}
	n.worker.wake()
	return nil
}

// SendTest queues a test message to one channel (for smtp, to [smtp] to)
// and returns its delivery id; its outcome shows in Deliveries.
func (n *Notifier) SendTest(ctx context.Context, channel string) (int64, error) {
	channel = canonical(channel)
	if !slices.Contains(n.names, channel) {
		return 0, fmt.Errorf("%w: %q", ErrUnknownChannel, channel)
	}
	l := locale(n.lang)
	m := Message{Kind: KindTest, Lang: n.lang, Queued: n.worker.now(),
		Comment: Comment{Text: l.T("notify.test", "channel", channel)},
		Thread:  Thread{Title: l.T("notify.subject_test")}}
	row, err := newRow(channel, m)
	if err != nil {
		return 0, err
	}
	ids, err := n.worker.box.Enqueue(ctx, []store.OutboxRow{row})
	if err != nil {
		return 0, err
	}
	n.worker.wake()
	return ids[0], nil
}
