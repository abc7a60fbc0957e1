package comment

import (
	"context"
	"slices"

	"github.com/natter/natter/internal/authorhash"
	"github.com/natter/natter/internal/markup"
)

// Preview renders Markdown exactly as a stored comment would be.
func (s *Service) Preview(text string) markup.SafeHTML {
	return s.d.Renderer.Render(text)
}

// LatestItem is a published comment with its thread URI.
type LatestItem struct {
	*View
	URI string
}

// Latest lists the most recent published comments of all threads, oldest
// first. Isso's own ordering returns the newest replies rather than the
// newest comments; no client depends on that, so Natter fixes it.
func (s *Service) Latest(ctx context.Context, limit int) ([]LatestItem, error) {
	rows, uris, err := s.d.Store.Read().LatestPublished(ctx, limit)
	if err != nil {
		return nil, err
	}
	out := make([]LatestItem, len(rows))
	for i, r := range rows {
		out[i] = LatestItem{View: s.view(r), URI: uris[i]}
	}
	return out, nil
}

func gravatar(tmpl, email, author string) string {
	return authorhash.Gravatar(tmpl, email, author)
}

// ThreadURI returns the URI of the thread a comment belongs to.
func (s *Service) ThreadURI(ctx context.Context, id int64) (string, error) {
	q := s.d.Store.Read()
	c, err := q.Comment(ctx, id)
	if err != nil {
		return "", err
	}
	t, err := q.ThreadByID(ctx, c.TID)
	if err != nil {
		return "", err
	}
	return t.URI, nil
}

// FeedEntries lists a thread's visible comments in Isso's feed order
// (top-level newest id first, then replies oldest first), cut at limit.
func (s *Service) FeedEntries(ctx context.Context, uri string, limit int) (*Snapshot, []*View, error) {
	snap, err := s.Snapshot(ctx, uri)
	if err != nil {
		return nil, nil, err
	}
	var tops, replies []*View
	for _, v := range snap.Comments {
		switch {
		case !v.Visible():
		case v.Root == 0:
			tops = append(tops, v)
		default:
			replies = append(replies, v)
		}
	}
	slices.Reverse(tops) // Comments are by id ascending
	sortOldest(replies)
	out := append(tops, replies...)
	if limit >= 0 && len(out) > limit {
		out = out[:limit]
	}
	return snap, out, nil
}
