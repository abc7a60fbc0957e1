package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/models"
)

// outboxWriter is what the store's transaction queries offer beyond
// comment.Queries.
type outboxWriter interface {
	InsertOutbox(ctx context.Context, rows []store.OutboxRow) error
}

// Recorder turns comment changes into outbox rows inside the change's
// transaction; it implements comment.Outbox.
type Recorder struct {
	channels  []string // configured, canonical names
	ownerMail bool     // smtp listed and [smtp] to set
	replies   bool     // [general] reply-notifications
	links     linker
	origin    string // site origin for changes no reader's request caused
	lang      string
	now       func() time.Time
}

// Record queues the messages a change causes.
func (r *Recorder) Record(ctx context.Context, q comment.Queries, ch comment.Change) error {
	w, ok := q.(outboxWriter)
	if !ok {
		return errors.New("notify: the comment store cannot write the outbox")
	}
	msg, err := r.message(ctx, q, ch)
	if err != nil {
		return err
	}
	rows, err := r.channelRows(msg)
	if err != nil {
		return err
	}
	replies, err := r.replyRows(ctx, q, ch, msg)
	if err != nil {
		return err
	}
	if err := r.audit(ctx, q, ch); err != nil {
		return err
	}
	return w.InsertOutbox(ctx, append(rows, replies...))
}

// kindOf names a change's message.
func kindOf(k comment.ChangeKind) Kind {
	switch k {
	case comment.ChangeCreated:
		return KindNew
	case comment.ChangeActivated:
		return KindActivated
	case comment.ChangeEdited:
		return KindEdited
	}
	return KindDeleted
}

// message builds the owner's message for a change.
func (r *Recorder) message(ctx context.Context, q comment.Queries, ch comment.Change) (Message, error) {
	th := Thread{ID: ch.Comment.TID, URI: ch.URI, Title: ch.Title}
	if th.URI == "" {
		t, err := q.ThreadByID(ctx, ch.Comment.TID)
		if err != nil {
			return Message{}, fmt.Errorf("notify: thread of comment %d: %w", ch.Comment.ID, err)
		}
		th.URI, th.Title = t.URI, deref(t.Title)
	}
	origin := ch.Origin
	if origin == "" {
		origin = r.origin
	}
	m := Message{Kind: kindOf(ch.Kind), Comment: fromModel(ch.Comment), Thread: th, Lang: r.lang, Queued: r.now()}
	m.Links.Comment = commentLink(origin, th.URI, ch.Comment.ID)
	if ch.Kind == comment.ChangeCreated {
		if err := r.links.moderation(ctx, ch.Comment.ID, &m.Links); err != nil {
			return Message{}, err
		}
	}
	return m, nil
}

// channelRows queues msg once for every configured channel that wants it.
func (r *Recorder) channelRows(msg Message) ([]store.OutboxRow, error) {
	var rows []store.OutboxRow
	for _, c := range r.channels {
		if !wants(c, msg.Kind) || (c == SMTP && !r.ownerMail) {
			continue
		}
		row, err := newRow(c, msg)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// newRow serialises msg for channel.
func newRow(channel string, msg Message) (store.OutboxRow, error) {
	payload, err := json.Marshal(msg)
	if err != nil {
		return store.OutboxRow{}, fmt.Errorf("notify: encode message: %w", err)
	}
	return store.OutboxRow{Channel: channel, Kind: string(msg.Kind), CommentID: msg.Comment.ID, Recipient: msg.To,
		Payload: string(payload), Created: seconds(msg.Queued)}, nil
}

func fromModel(c models.Comment) Comment {
	return Comment{ID: c.ID, Parent: c.Parent, Mode: c.Mode, Author: deref(c.Author), Email: deref(c.Email),
		Website: deref(c.Website), Text: c.Text, RemoteAddr: c.RemoteAddr, Created: c.Created}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// seconds is Isso's timestamp format.
func seconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// fromSeconds reverses seconds.
func fromSeconds(s float64) time.Time { return time.Unix(0, int64(s*1e9)) }
