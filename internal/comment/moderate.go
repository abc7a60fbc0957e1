package comment

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/natter/natter/models"
)

// moderationMaxAge: Isso checks moderation and unsubscribe keys with a
// maximum age of 2^32 seconds, i.e. they never expire.
const moderationMaxAge = time.Duration(math.MaxUint32) * time.Second

// ModerationKey signs a comment id for activate/delete/edit links.
func (s *Service) ModerationKey(id int64) (string, error) {
	k, err := s.d.Signer.SignAt(id, s.d.Now())
	return k, wrapf(err, "sign moderation key")
}

// CheckModerationKey returns the comment id inside a moderation key; the id
// in the link's path is not trusted (as in Isso).
func (s *Service) CheckModerationKey(key string) (int64, error) {
	var id float64
	if err := s.d.Signer.Unsign(key, moderationMaxAge, s.d.Now(), &id); err != nil {
		return 0, ErrForbidden
	}
	return int64(id), nil
}

// Activate publishes a pending comment. It reports false when the comment
// was already published.
func (s *Service) Activate(ctx context.Context, id int64) (bool, error) {
	changed := false
	var c models.Comment
	err := s.write(ctx, func(q Queries, touch func(int64)) error {
		var err error
		if c, err = q.Comment(ctx, id); err != nil {
			return err
		}
		if c.Mode != models.ModePending {
			return nil
		}
		changed = true
		c.Mode = models.ModePublished
		touch(c.TID)
		if err := q.UpdateComment(ctx, id, map[string]any{"mode": models.ModePublished}); err != nil {
			return err
		}
		return s.record(ctx, q, Change{Kind: ChangeActivated, Comment: c})
	})
	if err != nil || !changed {
		return false, err
	}
	s.d.Events.Activated(ctx, Event{View: s.view(c)})
	return true, nil
}

// ModeratorDelete deletes a comment with the same placeholder rules as an
// author's delete.
func (s *Service) ModeratorDelete(ctx context.Context, id int64) (*View, error) {
	return s.remove(ctx, id, func(models.Comment) error { return nil })
}

// ModeratorEdit changes text, author and website without touching
// modified, as Isso's moderation edit does.
func (s *Service) ModeratorEdit(ctx context.Context, id int64, in Input) (*View, error) {
	if err := validate(in); err != nil {
		return nil, err
	}
	var updated models.Comment
	err := s.write(ctx, func(q Queries, touch func(int64)) error {
		c, err := q.Comment(ctx, id)
		if err != nil {
			return err
		}
		touch(c.TID)
		if updated, err = update(ctx, q, c, in, nil); err != nil {
			return err
		}
		return s.record(ctx, q, Change{Kind: ChangeEdited, Comment: updated})
	})
	if err != nil {
		return nil, err
	}
	return s.view(updated), nil
}

// UnsubscribeKey signs ["unsubscribe", email] for reply-notification mails.
func (s *Service) UnsubscribeKey(email string) (string, error) {
	k, err := s.d.Signer.SignAt([]any{"unsubscribe", email}, s.d.Now())
	return k, wrapf(err, "sign unsubscribe key")
}

// Unsubscribe stops reply notifications for email in the conversation
// under comment id, if key was issued for that address.
func (s *Service) Unsubscribe(ctx context.Context, id int64, email, key string) error {
	var payload []any
	if err := s.d.Signer.Unsign(key, moderationMaxAge, s.d.Now(), &payload); err != nil {
		return ErrForbidden
	}
	if len(payload) != 2 || payload[0] != "unsubscribe" || payload[1] != email {
		return ErrForbidden
	}
	return s.write(ctx, func(q Queries, touch func(int64)) error {
		c, err := q.Comment(ctx, id)
		if err != nil {
			return err
		}
		touch(c.TID)
		return q.Unsubscribe(ctx, email, id)
	})
}

// Purge deletes pending comments older than purge-after (Isso runs this
// when moderation is enabled).
func (s *Service) Purge(ctx context.Context) error {
	before := s.now() - s.policy.PurgeAfter.Seconds()
	err := s.d.Store.Write(ctx, func(q Queries) error {
		if _, err := q.PurgePending(ctx, before); err != nil {
			return err
		}
		return q.PurgeStale(ctx)
	})
	s.cache.invalidate()
	return err
}

// RunPurge purges at start and then every purge-after until ctx ends.
func (s *Service) RunPurge(ctx context.Context) {
	if !s.policy.Moderation || s.policy.PurgeAfter <= 0 {
		return
	}
	t := time.NewTicker(s.policy.PurgeAfter)
	defer t.Stop()
	for {
		if _, err := s.PurgePass(ctx); err != nil && ctx.Err() == nil {
			s.d.Logger.Error("purge pending comments", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// JobLocker is implemented by stores that several processes share: a
// periodic job runs on one of them at a time.
type JobLocker interface {
	// TryJobLock takes job's lock unless another process holds it (ok
	// false: skip this pass).
	TryJobLock(ctx context.Context, job string) (unlock func() error, ok bool, err error)
}

// PurgePass is one pass of RunPurge: it purges unless another process
// holds the purge lock (then ran is false).
func (s *Service) PurgePass(ctx context.Context) (ran bool, err error) {
	l, ok := s.d.Store.(JobLocker)
	if !ok {
		return true, s.Purge(ctx)
	}
	unlock, ok, err := l.TryJobLock(ctx, "purge")
	if err != nil || !ok {
		return false, err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	return true, s.Purge(ctx)
}
