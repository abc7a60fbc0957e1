package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/remoteaddr"
	"github.com/natter/natter/internal/store"
)

// ViaLink is how an action through a signed moderation link is recorded.
const ViaLink = "link"

type linkKey struct{}

// WithLinkActor marks the changes made under ctx as actions through a
// signed link, from the client address ip (stored anonymised, as Isso
// stores commenters' addresses). The recorder writes them to the audit log
// in the action's own transaction.
func WithLinkActor(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, linkKey{}, remoteaddr.Anonymize(ip))
}

func linkActor(ctx context.Context) (string, bool) {
	addr, ok := ctx.Value(linkKey{}).(string)
	return addr, ok
}

// auditWriter is what the store's transaction queries offer for the log.
type auditWriter interface {
	InsertAudit(ctx context.Context, r store.AuditRow) error
}

// audit records a change made through a link, if it was.
func (r *Recorder) audit(ctx context.Context, q comment.Queries, ch comment.Change) error {
	addr, ok := linkActor(ctx)
	if !ok {
		return nil
	}
	w, ok := q.(auditWriter)
	if !ok {
		return errors.New("notify: the comment store cannot write the audit log")
	}
	return w.InsertAudit(ctx, store.AuditRow{At: seconds(r.now()), Action: string(kindOf(ch.Kind)),
		CommentID: ch.Comment.ID, Via: ViaLink, Addr: addr})
}

// LinkAction is one moderation action taken through a signed link.
type LinkAction struct {
	At        time.Time
	Action    Kind // comment.activated, comment.edited or comment.deleted
	CommentID int64
	Via       string // "link"
	Addr      string // anonymised client address
}

// LinkActions lists the last limit actions taken through links, newest
// first, for the admin panel.
func (n *Notifier) LinkActions(ctx context.Context, limit int) ([]LinkAction, error) {
	rows, err := n.worker.box.Audit(ctx, limit)
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	out := make([]LinkAction, len(rows))
	for i, r := range rows {
		out[i] = LinkAction{At: fromSeconds(r.At), Action: Kind(r.Action), CommentID: r.CommentID, Via: r.Via, Addr: r.Addr}
	}
	return out, nil
}
