package comment

import (
	"context"

	"github.com/natter/natter/models"
)

// ChangeKind names a comment change notifications are made of.
type ChangeKind string

// The changes recorded in the outbox.
const (
	ChangeCreated   ChangeKind = "created"
	ChangeActivated ChangeKind = "activated"
	ChangeEdited    ChangeKind = "edited"
	ChangeDeleted   ChangeKind = "deleted"
)

// Change is a comment change as its write transaction sees it.
type Change struct {
	Kind ChangeKind
	// Comment is the row after the change (before it, for a delete).
	Comment models.Comment
	// URI and Title are the thread's, when the change knew them; the
	// outbox looks them up otherwise.
	URI, Title string
	// Origin is the matched site origin of the request that caused the
	// change ("" when no reader's request did, e.g. a moderation link).
	Origin string
}

// Outbox records the notifications a change causes inside the change's own
// write transaction, so a crash can never keep one without the other
// (Events, in contrast, are told after the commit). Record writes only
// through q; an error rolls the change back.
type Outbox interface {
	Record(ctx context.Context, q Queries, c Change) error
}

// record hands a change to the outbox, if there is one.
func (s *Service) record(ctx context.Context, q Queries, c Change) error {
	if s.d.Outbox == nil {
		return nil
	}
	return wrapf(s.d.Outbox.Record(ctx, q, c), "record %s notification", c.Kind)
}
