package comment

import (
	"context"
	"errors"

	"github.com/natter/natter/models"
)

// Approve publishes a pending comment through Activate, so the usual
// notifications go out. It reports false if it was not pending.
func (a *Admin) Approve(ctx context.Context, id int64) (bool, error) {
	return a.s.Activate(ctx, id)
}

// Delete deletes a comment with the service's placeholder rules (a
// comment with replies stays as an empty placeholder, others go) after
// keeping a full copy in Natter's trash, from which Restore brings it back.
// It returns the trash entry's id.
func (a *Admin) Delete(ctx context.Context, id int64) (int64, error) {
	trash, err := a.deleteMany(ctx, []int64{id})
	if err == nil && len(trash) == 0 {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	return trash[0], nil
}

func (a *Admin) deleteMany(ctx context.Context, ids []int64) ([]int64, error) {
	now := a.s.now()
	var deleted, trash []int64
	err := a.write(ctx, func(q AdminQueries, touch func(string)) error {
		deleted, trash = deleted[:0], trash[:0]
		for _, id := range ids {
			c, err := q.Comment(ctx, id)
			if errors.Is(err, ErrNotFound) {
				continue // gone meanwhile (e.g. purged as a stale placeholder)
			}
			if err != nil {
				return err
			}
			if c.Mode == models.ModeDeleted {
				continue // already a placeholder; its content is gone
			}
			t, err := q.ThreadByID(ctx, c.TID)
			if err != nil {
				return err
			}
			touch(t.URI)
			tid, err := q.TrashInsert(ctx, c, t.URI, deref(t.Title), now)
			if err != nil {
				return err
			}
			trash = append(trash, tid)
			if err := a.s.record(ctx, q, Change{Kind: ChangeDeleted, Comment: c, URI: t.URI, Title: deref(t.Title)}); err != nil {
				return err
			}
			if _, err := softOrHardDelete(ctx, q, c); err != nil {
				return err
			}
			deleted = append(deleted, id)
		}
		return q.PurgeStale(ctx)
	})
	if err != nil {
		return nil, err
	}
	for _, id := range deleted {
		a.s.d.Events.Deleted(ctx, id)
	}
	return trash, nil
}

// approveMany publishes the pending comments among ids in one
// transaction (Activate's rule: only mode 2 changes), then sends the same
// events Activate would.
func (a *Admin) approveMany(ctx context.Context, ids []int64) (int, error) {
	var done []models.Comment
	err := a.write(ctx, func(q AdminQueries, touch func(string)) error {
		done = done[:0]
		for _, id := range ids {
			c, err := q.Comment(ctx, id)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if c.Mode != models.ModePending {
				continue
			}
			if t, err := q.ThreadByID(ctx, c.TID); err == nil {
				touch(t.URI)
			}
			c.Mode = models.ModePublished
			if err := q.UpdateComment(ctx, id, map[string]any{"mode": models.ModePublished}); err != nil {
				return err
			}
			if err := a.s.record(ctx, q, Change{Kind: ChangeActivated, Comment: c}); err != nil {
				return err
			}
			done = append(done, c)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, c := range done {
		a.s.d.Events.Activated(ctx, Event{View: a.s.view(c)})
	}
	return len(done), nil
}

// Restore brings a comment back from the trash with the state it had:
// into its placeholder if that still exists, otherwise as a new row (with
// its old id when free), re-creating its thread if needed.
func (a *Admin) Restore(ctx context.Context, trashID int64) (AdminRow, error) {
	var out AdminRow
	err := a.write(ctx, func(q AdminQueries, touch func(string)) error {
		r, err := q.TrashGet(ctx, trashID)
		if err != nil {
			return err
		}
		out, err = restore(ctx, q, r)
		if err != nil {
			return err
		}
		touch(out.ThreadURI)
		return q.TrashDelete(ctx, trashID)
	})
	return out, err
}

func restore(ctx context.Context, q AdminQueries, r AdminRow) (AdminRow, error) {
	c := r.Comment
	t, err := q.ThreadByID(ctx, c.TID)
	if err != nil || t.URI != r.ThreadURI {
		if !errors.Is(err, ErrNotFound) && err != nil {
			return r, err
		}
		t, err = q.ThreadByURI(ctx, r.ThreadURI)
		if errors.Is(err, ErrNotFound) {
			t, err = q.InsertThread(ctx, r.ThreadURI, r.ThreadTitle)
		}
		if err != nil {
			return r, err
		}
	}
	c.TID = t.ID
	r.ThreadURI, r.ThreadTitle = t.URI, deref(t.Title)
	cur, err := q.Comment(ctx, c.ID)
	switch {
	case err == nil && cur.Mode == models.ModeDeleted && cur.TID == c.TID && cur.Created == c.Created:
		// Its own placeholder: put the content back.
		err = q.UpdateComment(ctx, c.ID, map[string]any{
			"mode": c.Mode, "text": c.Text, "author": c.Author, "website": c.Website,
		})
	case err == nil:
		c.ID = 0 // the id was reused by another comment
		err = q.InsertComment(ctx, &c)
	case errors.Is(err, ErrNotFound):
		err = q.InsertComment(ctx, &c)
	}
	r.Comment, r.TrashID, r.DeletedAt = c, 0, 0
	return r, err
}

// Edit changes a comment's text, author, website and e-mail with the
// service's validation and escaping; like Isso's moderator edit it leaves
// modified alone. A nil e-mail keeps the stored one.
func (a *Admin) Edit(ctx context.Context, id int64, in Input) (AdminRow, error) {
	if err := validate(in); err != nil {
		return AdminRow{}, err
	}
	var out AdminRow
	err := a.write(ctx, func(q AdminQueries, touch func(string)) error {
		c, err := q.Comment(ctx, id)
		if err != nil {
			return err
		}
		if c.Mode == models.ModeDeleted {
			return ErrForbidden // a placeholder has no content to edit
		}
		if _, err := update(ctx, q, c, in, nil); err != nil {
			return err
		}
		if in.Email != nil {
			if err := q.UpdateComment(ctx, id, map[string]any{"email": *escapeField(in.Email)}); err != nil {
				return err
			}
		}
		out, err = q.AdminComment(ctx, id)
		touch(out.ThreadURI)
		return err
	})
	return out, err
}

// BulkAction is what a bulk operation does.
type BulkAction string

// The bulk actions.
const (
	BulkApprove BulkAction = "approve"
	BulkDelete  BulkAction = "delete"
	BulkRestore BulkAction = "restore"
)

// Bulk applies an action to comment ids (approve, delete) or trash ids
// (restore) and returns how many comments changed.
func (a *Admin) Bulk(ctx context.Context, action BulkAction, ids []int64) (int, error) {
	switch action {
	case BulkApprove:
		return a.approveMany(ctx, ids)
	case BulkDelete:
		trash, err := a.deleteMany(ctx, ids)
		return len(trash), err
	case BulkRestore:
		n := 0
		for _, id := range ids {
			if _, err := a.Restore(ctx, id); err != nil {
				if errors.Is(err, ErrNotFound) {
					continue
				}
				return n, err
			}
			n++
		}
		return n, nil
	}
	return 0, ErrForbidden
}

// BulkFilter applies an action to everything a filter matches now.
func (a *Admin) BulkFilter(ctx context.Context, action BulkAction, f Filter) (int, error) {
	comments, trash, err := a.st.ReadAdmin().AdminMatching(ctx, f)
	if err != nil {
		return 0, err
	}
	if action == BulkRestore {
		return a.Bulk(ctx, action, trash)
	}
	return a.Bulk(ctx, action, comments)
}
