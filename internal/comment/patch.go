package comment

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/natter/natter/models"
)

// patchCreated adds a committed new comment to its thread's cached
// snapshot instead of dropping it: reloading a big thread after every
// comment costs its readers far more than copying the snapshot's index.
func (s *Service) patchCreated(ctx context.Context, uri string, id int64) {
	s.patchRow(ctx, uri, id, func(old *Snapshot, v *View) *Snapshot { return old.with(v, s.d.Cache.Stamp()) })
}

// patchChanged puts a comment changed in place (a vote, an edit) into
// its thread's cached snapshot.
func (s *Service) patchChanged(ctx context.Context, uri string, id int64) {
	s.patchRow(ctx, uri, id, func(old *Snapshot, v *View) *Snapshot { return old.replacing(v, s.d.Cache.Stamp()) })
}

// patchRow reads comment id back after its commit, so the patched
// snapshot holds exactly what a reload would, and applies fn. Patches run
// one at a time: each reads after its own commit, so whichever of two
// changes to one comment patches last carries the later state.
func (s *Service) patchRow(ctx context.Context, uri string, id int64, fn func(*Snapshot, *View) *Snapshot) {
	s.patching.Lock()
	defer s.patching.Unlock()
	old, _ := s.cache.get(uri)
	if old == nil {
		s.cache.invalidate(uri) // nothing to patch, but loads begun before must not be stored
		return
	}
	row, err := s.d.Store.Read().Comment(ctx, id)
	if err != nil {
		s.cache.invalidate(uri)
		return
	}
	v := s.viewLike(row, old)
	s.cache.patch(uri, func(cur *Snapshot) *Snapshot { return fn(cur, v) })
}

// viewLike derives row's View, reusing the identity hash of the comment's
// current View when the hashed values are the same (a thousand PBKDF2
// rounds saved per vote).
func (s *Service) viewLike(row models.Comment, snap *Snapshot) *View {
	if cur, ok := snap.byID[row.ID]; ok && deref(cur.Email) == deref(row.Email) && cur.RemoteAddr == row.RemoteAddr {
		html, _ := s.render(row.Text)
		return s.viewOf(row, derived{html: html, hash: cur.Hash})
	}
	return s.view(row)
}

// patch replaces uri's cached snapshot, if any, by fn's result (nil drops
// it) and, like invalidate, stops loads begun before from being stored.
func (c *threadCache) patch(uri string, fn func(*Snapshot) *Snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen.Add(1)
	c.counts.Delete(uri)
	old, ok := c.snaps.Get(uri)
	if !ok {
		return
	}
	switch n := fn(old); {
	case n == nil:
		c.snaps.Delete(uri)
	case n != old:
		c.snaps.Set(uri, n)
	}
}

// with returns a snapshot that also holds the new comment v. It returns
// snap itself when v is already there (snap was loaded after the commit)
// and nil when it cannot patch (the thread was not stored yet), so the
// next read reloads.
func (snap *Snapshot) with(v *View, gen uint64) *Snapshot {
	if !snap.Exists || snap.Thread.ID != v.TID {
		return nil
	}
	at, found := slices.BinarySearchFunc(snap.Comments, v.ID, func(e *View, id int64) int { return cmp.Compare(e.ID, id) })
	if found {
		return snap
	}
	n := &Snapshot{Thread: snap.Thread, Exists: true, Gen: gen, stamp: NoStamp, published: snap.published,
		Comments: slices.Insert(slices.Clip(snap.Comments), at, v),
		byID:     maps.Clone(snap.byID), replies: maps.Clone(snap.replies),
		tops: snap.tops, weight: snap.weight + weighView(v)}
	n.byID[v.ID] = v
	if v.Mode == 1 {
		n.published++
	}
	v.Root = n.rootOf(v)
	if v.Root == 0 {
		n.tops = insertByID(n.tops, v)
	} else {
		rs := append(slices.Clip(n.replies[v.Root]), v)
		sortOldest(rs)
		n.replies[v.Root] = rs
	}
	return n
}

// replacing returns a snapshot in which v stands for the comment with
// its id, changed in place (same thread, parent and time), or nil when
// the snapshot has no such comment or the change moved it.
func (snap *Snapshot) replacing(v *View, gen uint64) *Snapshot {
	at, found := slices.BinarySearchFunc(snap.Comments, v.ID, func(e *View, id int64) int { return cmp.Compare(e.ID, id) })
	if !found || !snap.Exists || snap.Thread.ID != v.TID {
		return nil
	}
	old := snap.Comments[at]
	if !samePlace(old, v) {
		return nil
	}
	v.Root = old.Root
	n := &Snapshot{Thread: snap.Thread, Exists: true, Gen: gen, stamp: NoStamp, published: snap.published,
		Comments: slices.Clone(snap.Comments), byID: maps.Clone(snap.byID), replies: snap.replies,
		tops: snap.tops, weight: snap.weight - weighView(old) + weighView(v)}
	n.Comments[at], n.byID[v.ID] = v, v
	n.published += published(v) - published(old)
	if v.Root == 0 {
		n.tops = replaceView(n.tops, v)
	} else {
		n.replies = maps.Clone(snap.replies)
		n.replies[v.Root] = replaceView(n.replies[v.Root], v)
	}
	return n
}

// samePlace reports whether a changed comment keeps its place in the
// thread's lists.
func samePlace(a, b *View) bool {
	return a.Created == b.Created && (a.Parent == nil) == (b.Parent == nil) && (a.Parent == nil || *a.Parent == *b.Parent)
}

func published(v *View) int {
	if v.Mode == 1 {
		return 1
	}
	return 0
}

// replaceView returns a copy of vs with v in place of the view with its id.
func replaceView(vs []*View, v *View) []*View {
	out := slices.Clone(vs)
	for i, e := range out {
		if e.ID == v.ID {
			out[i] = v
		}
	}
	return out
}

// insertByID inserts v into a copy of vs, which is ordered by id.
func insertByID(vs []*View, v *View) []*View {
	at, _ := slices.BinarySearchFunc(vs, v.ID, func(e *View, id int64) int { return cmp.Compare(e.ID, id) })
	return slices.Insert(slices.Clip(vs), at, v)
}
