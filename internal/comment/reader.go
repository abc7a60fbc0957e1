package comment

import "context"

// The rules of what one reader sees: published comments and placeholders
// for everyone, and pending comments to their authors only (who hold a
// valid token for them).

// VisibleTo reports whether a reader owning the comments in owned may see v.
func VisibleTo(v *View, owned map[int64]bool) bool {
	return v.Visible() || (v.Pending() && owned[v.ID])
}

// Find returns comment id of thread uri if the reader holding tokens may
// see it, with the reader's owned comments of that thread.
func (s *Service) Find(ctx context.Context, uri string, id int64, tokens map[int64]string) (*View, map[int64]bool, error) {
	snap, err := s.Snapshot(ctx, uri)
	if err != nil {
		return nil, nil, err
	}
	owned := s.Owned(snap, tokens)
	v, ok := snap.Comment(id)
	if !ok || !VisibleTo(v, owned) {
		return nil, owned, ErrNotFound
	}
	return v, owned, nil
}

// ReaderItem is a listed comment with the replies one reader sees.
type ReaderItem struct {
	*View
	Replies []*View
	// HiddenReplies are published replies not on this page; Shown counts
	// those on it (the offset of the next page).
	HiddenReplies, Shown int
}

// ForReader merges the reader's own pending comments into a listing:
// pending replies under their top-level comment, pending top-level
// comments at the end.
func (l Listing) ForReader(owned map[int64]bool) []ReaderItem {
	byRoot := map[int64][]*View{}
	for _, v := range OwnPending(l.Snapshot, owned) {
		byRoot[v.Root] = append(byRoot[v.Root], v)
	}
	out := make([]ReaderItem, 0, len(l.Items)+len(byRoot[0]))
	for _, it := range l.Items {
		replies := append(append([]*View(nil), it.Replies...), byRoot[it.ID]...)
		out = append(out, ReaderItem{View: it.View, Replies: replies, HiddenReplies: it.HiddenReplies, Shown: len(it.Replies)})
	}
	for _, v := range byRoot[0] {
		out = append(out, ReaderItem{View: v})
	}
	return out
}
