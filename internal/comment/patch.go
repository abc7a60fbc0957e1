package comment

import (
	"cmp"
	"context"
	"maps"
	"slices"
)

// patchCreated adds a committed new comment to its thread's cached
// snapshot instead of dropping it: reloading a big thread after every
// comment costs its readers far more than copying the snapshot's index.
// The row is read back after the commit so the patched snapshot holds
// exactly what a reload would.
func (s *Service) patchCreated(ctx context.Context, uri string, id int64) {
	if !s.cache.holds(uri) {
		s.cache.invalidate(uri) // nothing to patch, but loads begun before must not be stored
		return
	}
	row, err := s.d.Store.Read().Comment(ctx, id)
	if err != nil {
		s.cache.invalidate(uri)
		return
	}
	v := s.view(row)
	s.cache.patch(uri, func(old *Snapshot) *Snapshot { return old.with(v, s.d.Cache.Stamp()) })
}

// holds reports whether uri's snapshot is cached.
func (c *threadCache) holds(uri string) bool {
	s, _ := c.get(uri)
	return s != nil
}

// patch replaces uri's cached snapshot, if any, by fn's result (nil drops
// it) and, like invalidate, stops loads begun before from being stored.
func (c *threadCache) patch(uri string, fn func(*Snapshot) *Snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
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
	n := &Snapshot{Thread: snap.Thread, Exists: true, Gen: gen, published: snap.published,
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

// insertByID inserts v into a copy of vs, which is ordered by id.
func insertByID(vs []*View, v *View) []*View {
	at, _ := slices.BinarySearchFunc(vs, v.ID, func(e *View, id int64) int { return cmp.Compare(e.ID, id) })
	return slices.Insert(slices.Clip(vs), at, v)
}
