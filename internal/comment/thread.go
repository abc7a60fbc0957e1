package comment

import (
	"cmp"
	"context"
	"slices"
)

// Sort orders top-level comments; replies are always oldest first.
type Sort string

// The orders Isso accepts.
const (
	SortOldest  Sort = "oldest"
	SortNewest  Sort = "newest"
	SortUpvotes Sort = "upvotes"
)

// ListQuery selects part of a thread with Isso's GET / semantics. Nil
// pointers mean "not given".
type ListQuery struct {
	Sort        Sort
	Limit       *int
	Offset      int
	Parent      *int64
	NestedLimit *int
	After       float64
}

// Item is a listed comment with, at the top level, its embedded replies.
type Item struct {
	*View
	TotalReplies  int
	HiddenReplies int
	Replies       []*View
	Nested        bool // whether the reply fields apply (top level, no parent query)
}

// Listing is one page of a thread.
type Listing struct {
	Snapshot      *Snapshot
	Parent        *int64
	TotalReplies  int
	HiddenReplies int
	Items         []Item
}

// List returns the visible comments of a thread as Isso's GET / does.
func (s *Service) List(ctx context.Context, uri string, q ListQuery) (Listing, error) {
	snap, err := s.Snapshot(ctx, uri)
	if err != nil {
		return Listing{}, err
	}
	return snap.List(q), nil
}

// List selects part of the snapshot's thread as Service.List does; a
// presenter holding a snapshot lists from it without a second lookup.
func (snap *Snapshot) List(q ListQuery) Listing {
	if q.Parent != nil {
		return snap.listReplies(q)
	}
	return snap.listTop(q)
}

func (snap *Snapshot) listTop(q ListQuery) Listing {
	out := Listing{Snapshot: snap}
	// Sized up front: a big thread's listing is read after every write,
	// and growing these by doubling was a third of what it allocated.
	tops := make([]*View, 0, len(snap.tops))
	for _, v := range snap.tops {
		if v.Visible() {
			out.TotalReplies++
			tops = append(tops, v)
		}
	}
	for _, v := range tops {
		out.TotalReplies += snap.countVisibleReplies(v.ID)
	}
	page := paginate(sortTop(after(tops, q.After), q.Sort), q)
	out.Items = make([]Item, 0, len(page))
	for _, v := range page {
		out.Items = append(out.Items, snap.itemWithReplies(v, q))
	}
	out.HiddenReplies = len(tops) - len(page) - q.Offset
	return out
}

func (snap *Snapshot) itemWithReplies(v *View, q ListQuery) Item {
	all := snap.visibleReplies(v.ID)
	embedded := after(all, q.After)
	switch {
	case q.NestedLimit == nil:
		// Isso quirk: without nested_limit the replies are fetched with
		// the top level's limit and offset (its client always sends one).
		embedded = paginate(embedded, q)
	case *q.NestedLimit <= 0:
		embedded = nil
	case len(embedded) > *q.NestedLimit:
		embedded = embedded[:*q.NestedLimit]
	}
	return Item{View: v, Nested: true, TotalReplies: len(all),
		HiddenReplies: len(all) - len(embedded), Replies: embedded}
}

func (snap *Snapshot) listReplies(q ListQuery) Listing {
	out := Listing{Snapshot: snap, Parent: q.Parent}
	all := snap.visibleReplies(*q.Parent)
	page := paginate(after(all, q.After), q)
	for _, v := range page {
		out.Items = append(out.Items, Item{View: v})
	}
	out.TotalReplies = len(all)
	out.HiddenReplies = len(all) - len(page) - q.Offset
	return out
}

// countVisibleReplies counts what visibleReplies lists, without the list.
func (snap *Snapshot) countVisibleReplies(root int64) int {
	n := 0
	for _, r := range snap.replies[root] {
		if r.Visible() {
			n++
		}
	}
	return n
}

// visibleReplies lists the visible replies under a top-level comment.
// When all are, it is the snapshot's own list (copied on write, never
// changed in place), capped so that no caller's append can reach into it.
func (snap *Snapshot) visibleReplies(root int64) []*View {
	all := snap.replies[root]
	n := snap.countVisibleReplies(root)
	if n == len(all) {
		return all[:n:n]
	}
	out := make([]*View, 0, n)
	for _, r := range all {
		if r.Visible() {
			out = append(out, r)
		}
	}
	return out
}

func after(vs []*View, t float64) []*View {
	if t == 0 {
		return vs
	}
	var out []*View
	for _, v := range vs {
		if v.Created > t {
			out = append(out, v)
		}
	}
	return out
}

// paginate applies Isso's limit/offset: offset only counts together with a
// non-zero limit, a zero limit lists nothing, a negative one everything.
func paginate(vs []*View, q ListQuery) []*View {
	if q.Limit == nil {
		return vs
	}
	limit := *q.Limit
	if limit == 0 {
		return nil
	}
	if q.Offset >= len(vs) {
		return nil
	}
	vs = vs[q.Offset:]
	if limit > 0 && limit < len(vs) {
		vs = vs[:limit]
	}
	return vs
}

func sortTop(vs []*View, by Sort) []*View {
	out := slices.Clone(vs)
	switch by {
	case SortNewest:
		slices.SortStableFunc(out, func(a, b *View) int { return cmp.Compare(b.Created, a.Created) })
	case SortUpvotes:
		slices.SortStableFunc(out, func(a, b *View) int {
			return (b.Likes - b.Dislikes) - (a.Likes - a.Dislikes)
		})
	default:
		sortOldest(out)
	}
	return out
}

func sortOldest(vs []*View) {
	slices.SortStableFunc(vs, func(a, b *View) int { return cmp.Compare(a.Created, b.Created) })
}

// ParseSort validates a sort name.
func ParseSort(s string) (Sort, bool) {
	switch Sort(s) {
	case SortOldest, SortNewest, SortUpvotes:
		return Sort(s), true
	}
	return "", false
}

// Published counts the thread's published comments (what /count reports).
func (snap *Snapshot) Published() int { return snap.published }
