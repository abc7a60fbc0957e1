package comment

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"

	"github.com/natter/natter/internal/signed"
	"github.com/natter/natter/models"
)

// issueToken signs Isso's edit cookie value [id, sha1(text)]: binding the
// text means a reused id or a moderator's edit voids old tokens.
func (s *Service) issueToken(id int64, text string) (string, error) {
	tok, err := s.d.Signer.SignAt([]any{id, sha1Hex(text)}, s.d.Now())
	return tok, wrapf(err, "sign token")
}

func sha1Hex(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// checkToken verifies an author's token for comment c. checkText is false
// only for GET /id/<id>, where Isso does not bind the text.
func (s *Service) checkToken(token string, c models.Comment, checkText bool) error {
	if token == "" {
		return ErrForbidden
	}
	var payload []any
	err := s.d.Signer.Unsign(token, s.policy.MaxAge, s.d.Now(), &payload)
	if errors.Is(err, signed.ErrExpired) {
		return ErrEditWindowClosed
	}
	if err != nil || len(payload) != 2 {
		return ErrForbidden
	}
	id, ok := payload[0].(float64)
	if !ok || int64(id) != c.ID {
		return ErrForbidden
	}
	if checkText && payload[1] != sha1Hex(c.Text) {
		return ErrForbidden
	}
	return nil
}

// Get returns one comment to its author (any mode, as Isso does).
func (s *Service) Get(ctx context.Context, id int64, who Actor) (*View, error) {
	c, err := s.d.Store.Read().Comment(ctx, id)
	if err != nil {
		return nil, err
	}
	if !who.Admin {
		if err := s.checkToken(who.Token, c, false); err != nil {
			return nil, err
		}
	}
	return s.view(c), nil
}

// Edited is an updated comment and the author's renewed token.
type Edited struct {
	*View
	Token string
}

// Edit changes an author's own comment within the edit window. Only text,
// author and website can change; each edit renews the window, as in Isso.
func (s *Service) Edit(ctx context.Context, id int64, in Input, who Actor) (Edited, error) {
	if err := validate(in); err != nil {
		return Edited{}, err
	}
	var updated models.Comment
	err := s.writeInPlace(ctx, id, func(q Queries, touch func(int64)) error {
		c, err := q.Comment(ctx, id)
		if err != nil {
			return err
		}
		if err := s.checkToken(who.Token, c, true); err != nil {
			return err
		}
		now := s.now()
		touch(c.TID)
		if updated, err = update(ctx, q, c, in, &now); err != nil {
			return err
		}
		return s.record(ctx, q, Change{Kind: ChangeEdited, Comment: updated, Origin: who.Origin})
	})
	if err != nil {
		return Edited{}, err
	}
	token, err := s.issueToken(updated.ID, updated.Text)
	if err != nil {
		return Edited{}, err
	}
	v := s.view(updated)
	s.d.Events.Edited(ctx, Event{View: v})
	return Edited{View: v, Token: token}, nil
}

// update writes text/author/website (escaped, website not completed with a
// scheme, as Isso's edit does) and, for author edits, modified.
func update(ctx context.Context, q Queries, c models.Comment, in Input, modified *float64) (models.Comment, error) {
	fields := map[string]any{"text": *in.Text}
	c.Text = *in.Text
	if in.Author != nil {
		c.Author = escapeField(in.Author)
		fields["author"] = *c.Author
	}
	if in.Website != nil {
		c.Website = escapeURL(in.Website, false)
		fields["website"] = *c.Website
	}
	if modified != nil {
		c.Modified = modified
		fields["modified"] = *modified
	}
	return c, q.UpdateComment(ctx, c.ID, fields)
}

// Delete removes an author's own comment within the edit window. It
// returns the placeholder left behind when the comment has replies, or nil
// when the row is gone.
func (s *Service) Delete(ctx context.Context, id int64, who Actor) (*View, error) {
	return s.remove(ctx, id, func(c models.Comment) error {
		if who.Admin {
			return nil
		}
		return s.checkToken(who.Token, c, true)
	})
}

func (s *Service) remove(ctx context.Context, id int64, allow func(models.Comment) error) (*View, error) {
	var kept *models.Comment
	err := s.write(ctx, func(q Queries, touch func(int64)) error {
		c, err := q.Comment(ctx, id)
		if err != nil {
			return err
		}
		if err := allow(c); err != nil {
			return err
		}
		touch(c.TID)
		if err := s.record(ctx, q, Change{Kind: ChangeDeleted, Comment: c}); err != nil {
			return err
		}
		kept, err = softOrHardDelete(ctx, q, c)
		if err != nil {
			return err
		}
		return q.PurgeStale(ctx)
	})
	if err != nil {
		return nil, err
	}
	s.d.Events.Deleted(ctx, id)
	if kept == nil {
		return nil, nil
	}
	return s.view(*kept), nil
}

// softOrHardDelete keeps a placeholder for a comment with replies (Isso's
// mode 4: text emptied, author and website cleared, e-mail and votes kept).
func softOrHardDelete(ctx context.Context, q Queries, c models.Comment) (*models.Comment, error) {
	has, err := q.HasReplies(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if !has {
		return nil, q.DeleteComment(ctx, c.ID)
	}
	c.Text, c.Mode, c.Author, c.Website = "", models.ModeDeleted, nil, nil
	err = q.UpdateComment(ctx, c.ID, map[string]any{"text": "", "mode": models.ModeDeleted, "author": nil, "website": nil})
	return &c, err
}

// write runs fn in a write transaction and, after it ends, drops the
// cached snapshots of the threads fn touched. Invalidating only after the
// commit matters: a reader that loaded between an earlier invalidation and
// the commit would otherwise keep a stale snapshot.
func (s *Service) write(ctx context.Context, fn func(q Queries, touch func(tid int64)) error) error {
	return s.writeThen(ctx, 0, fn)
}

// writeInPlace is write for a change that leaves comment id where it is
// in its thread (a vote, an edit): the thread's snapshot is patched with
// the committed row instead of dropped, so a big thread is not reloaded.
func (s *Service) writeInPlace(ctx context.Context, id int64, fn func(q Queries, touch func(tid int64)) error) error {
	return s.writeThen(ctx, id, fn)
}

func (s *Service) writeThen(ctx context.Context, id int64, fn func(q Queries, touch func(tid int64)) error) error {
	var uris []string
	all := false
	err := s.d.Store.Write(ctx, func(q Queries) error {
		uris, all = uris[:0], false
		return fn(q, func(tid int64) {
			// Looked up inside the transaction: deleting a thread's last
			// comment also deletes the thread.
			if t, err := q.ThreadByID(ctx, tid); err == nil {
				uris = append(uris, t.URI)
			} else {
				all = true
			}
		})
	})
	switch {
	case all:
		s.cache.invalidate()
	case id != 0 && err == nil && len(uris) == 1:
		s.patchChanged(ctx, uris[0], id)
	case len(uris) > 0:
		s.cache.invalidate(uris...)
	}
	return err
}
