package notify

import (
	"context"
	"fmt"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/models"
)

// replyRows queues Isso's reply mails when a reply becomes visible: created
// published, or activated. Candidates are the parent, then the published
// replies to the same parent; each address is mailed once, never the new
// comment's own. Unlike Isso, a subscribed candidate without an address is
// skipped instead of being mailed to the owner.
func (r *Recorder) replyRows(ctx context.Context, q comment.Queries, ch comment.Change, owner Message) ([]store.OutboxRow, error) {
	c := ch.Comment
	visible := ch.Kind == comment.ChangeActivated || ch.Kind == comment.ChangeCreated && c.Mode == models.ModePublished
	if !r.replies || !visible || c.Parent == nil {
		return nil, nil
	}
	candidates, err := replyCandidates(ctx, q, c)
	if err != nil {
		return nil, err
	}
	mailed := map[string]bool{deref(c.Email): true}
	var rows []store.OutboxRow
	for _, cand := range candidates {
		email := deref(cand.Email)
		if cand.ID == c.ID || email == "" || mailed[email] || cand.Notification == nil || *cand.Notification == 0 {
			continue
		}
		mailed[email] = true
		row, err := r.replyRow(ctx, owner, *c.Parent, email)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// replyCandidates are the parent (in any mode) and its published replies.
func replyCandidates(ctx context.Context, q comment.Queries, c models.Comment) ([]models.Comment, error) {
	parent, err := q.Comment(ctx, *c.Parent)
	if err != nil {
		return nil, fmt.Errorf("notify: parent of comment %d: %w", c.ID, err)
	}
	all, err := q.ThreadComments(ctx, c.TID)
	if err != nil {
		return nil, fmt.Errorf("notify: thread of comment %d: %w", c.ID, err)
	}
	out := []models.Comment{parent}
	for _, s := range all {
		if s.Parent != nil && *s.Parent == parent.ID && s.Mode == models.ModePublished {
			out = append(out, s)
		}
	}
	return out, nil
}

// replyRow is one reply mail: the owner's message without moderation
// links, addressed to email, with Isso's unsubscribe link.
func (r *Recorder) replyRow(ctx context.Context, owner Message, parent int64, email string) (store.OutboxRow, error) {
	m := owner
	m.Kind, m.To = KindReply, email
	m.Links = Links{Comment: owner.Links.Comment}
	var err error
	if m.Links.Unsubscribe, err = r.links.unsubscribe(ctx, parent, email); err != nil {
		return store.OutboxRow{}, err
	}
	return newRow(SMTP, m)
}
