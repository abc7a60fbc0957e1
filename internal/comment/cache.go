package comment

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/models"
)

// Snapshot is an immutable picture of one thread, shared by concurrent
// readers until a write to the thread replaces it.
type Snapshot struct {
	Thread    models.Thread
	Exists    bool
	Comments  []*View // all modes, by id
	byID      map[int64]*View
	replies   map[int64][]*View // visible and pending replies by root, oldest first
	tops      []*View           // top-level comments, by id
	published int               // mode-1 comments, what /count reports
	// Gen is unique to this snapshot among those of the site's cache
	// (cache.Cache.Stamp): presenters key derived cache entries on it
	// (DerivedKey), so a write's new snapshot never meets the old one's
	// answers, and those age out of the shared budget.
	Gen uint64
	// weight approximates the bytes the snapshot keeps reachable.
	weight int64
	// stamp is the thread's change counter read before its rows
	// (Queries.ThreadStamp), or NoStamp: answers built from the snapshot
	// are stored only with it (KeepAnswer).
	stamp int64
}

// DerivedKey is the cache key of a value computed from this snapshot and
// the normalised parameters in rest (never the time, never free text a
// client may vary without changing the value).
func (snap *Snapshot) DerivedKey(rest string) string {
	return strconv.FormatUint(snap.Gen, 36) + "\x00" + rest
}

// threadCache maps thread URIs to snapshots in the site's cache. A
// generation counter guards against a slow reader storing a snapshot older
// than a concurrent write's invalidation.
type threadCache struct {
	mu sync.RWMutex // readers far outnumber writes
	// gen moves under mu; it may be read without it where only the
	// number matters (Service.Generation, on every replayed answer).
	gen   atomic.Uint64
	snaps *cache.Space[*Snapshot]
	// counts holds published counts of threads without a cached
	// snapshot: /count asks for many threads and needs one number each.
	counts *cache.Space[int]
}

func newThreadCache(c *cache.Cache) *threadCache {
	return &threadCache{
		snaps:  cache.NewSpace(c, "snapshot", func(s *Snapshot) int64 { return s.weight }),
		counts: cache.NewSpace(c, "count", func(int) int64 { return 8 }),
	}
}

func (c *threadCache) get(uri string) (*Snapshot, uint64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s, _ := c.snaps.Get(uri)
	return s, c.gen.Load()
}

func (c *threadCache) put(uri string, s *Snapshot, seen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen.Load() != seen {
		return // a write happened while s was loaded: s may be stale
	}
	c.snaps.Set(uri, s) // evicts the least recently used entries to fit
}

// invalidate drops the given threads, or everything when uris is empty.
func (c *threadCache) invalidate(uris ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen.Add(1)
	if len(uris) == 0 {
		c.snaps.Clear()
		c.counts.Clear()
		return
	}
	for _, u := range uris {
		c.snaps.Delete(u)
		c.counts.Delete(u)
	}
}

// Snapshot returns the current picture of a thread (an empty one for an
// unknown URI).
func (s *Service) Snapshot(ctx context.Context, uri string) (*Snapshot, error) {
	s.checkExternal(ctx)
	snap, seen := s.cache.get(uri)
	if snap != nil {
		return snap, nil
	}
	// One load per thread at a time: a popular post's first readers would
	// otherwise all query and render it at once.
	v, err, _ := s.loads.Do(uri, func() (any, error) {
		snap, err := s.loadSnapshot(ctx, uri)
		if err != nil {
			return nil, err
		}
		s.cache.put(uri, snap, seen)
		return snap, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Snapshot), nil
}

func (s *Service) loadSnapshot(ctx context.Context, uri string) (*Snapshot, error) {
	q := s.d.Store.Read()
	t, err := q.ThreadByURI(ctx, uri)
	if errors.Is(err, ErrNotFound) {
		return s.buildSnapshot(models.Thread{URI: uri}, false, nil), nil
	}
	if err != nil {
		return nil, err
	}
	stamp, err := q.ThreadStamp(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	rows, err := q.ThreadRows(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	views := make([]*View, len(rows))
	for i, d := range s.prime(ctx, rows) {
		views[i] = s.viewOf(rows[i].Comment, d)
	}
	snap := s.buildSnapshot(t, true, views)
	snap.stamp = stamp
	return snap, nil
}

func (s *Service) buildSnapshot(t models.Thread, exists bool, views []*View) *Snapshot {
	snap := &Snapshot{Thread: t, Exists: exists, Comments: views, Gen: s.d.Cache.Stamp(), stamp: NoStamp,
		byID: make(map[int64]*View, len(views)), replies: make(map[int64][]*View)}
	snap.weight = weighSnapshot(snap)
	for _, v := range views {
		snap.byID[v.ID] = v
		if v.Mode == 1 {
			snap.published++
		}
	}
	for _, v := range views {
		v.Root = snap.rootOf(v)
		if v.Root == 0 {
			snap.tops = append(snap.tops, v)
		} else {
			snap.replies[v.Root] = append(snap.replies[v.Root], v)
		}
	}
	for _, rs := range snap.replies {
		sortOldest(rs)
	}
	return snap
}

// rootOf walks up the parent chain to the top-level ancestor; a dangling
// parent ends the walk there, and a cycle makes the comment top-level.
func (snap *Snapshot) rootOf(v *View) int64 {
	cur, root := v, int64(0)
	for steps := 0; cur.Parent != nil && steps <= len(snap.byID); steps++ {
		p, ok := snap.byID[*cur.Parent]
		if !ok || p.ID == v.ID {
			break
		}
		root, cur = p.ID, p
	}
	if cur.Parent != nil {
		if _, ok := snap.byID[*cur.Parent]; ok {
			return 0 // cycle
		}
	}
	return root
}

// Comment finds a comment of the thread by id.
func (snap *Snapshot) Comment(id int64) (*View, bool) {
	v, ok := snap.byID[id]
	return v, ok
}
