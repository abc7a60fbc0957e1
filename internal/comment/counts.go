package comment

import (
	"context"
	"fmt"
	"time"
)

// Counts returns the number of published comments per thread URI. Cached
// snapshots answer first, then cached counts; the rest are counted in one
// query and kept, so a page of links never loads whole threads.
func (s *Service) Counts(ctx context.Context, uris []string) ([]int, error) {
	s.checkExternal(ctx)
	out := make([]int, len(uris))
	missing, seen := s.cache.knownCounts(uris, out)
	if len(missing) == 0 {
		return out, nil
	}
	got, err := s.d.Store.Read().PublishedCounts(ctx, keys(missing))
	if err != nil {
		return nil, fmt.Errorf("counts: %w", err)
	}
	s.cache.putCounts(got, missing, seen)
	for u, at := range missing {
		for _, i := range at {
			out[i] = got[u]
		}
	}
	return out, nil
}

// Generation moves on with every change to any thread (a write, or
// another process's): presenters may keep an answer (counts, a thread's
// page) for as long as the generation they read before building it stays
// the same.
func (s *Service) Generation(ctx context.Context) uint64 {
	return s.GenerationAt(ctx, s.d.Now())
}

// GenerationAt is Generation for a caller that has read the clock (Now)
// already.
func (s *Service) GenerationAt(ctx context.Context, now time.Time) uint64 {
	s.checkExternalAt(ctx, now)
	return s.cache.gen.Load()
}

// knownCounts fills out from the cache and returns the URIs it could not
// answer, each with its positions in uris, and the generation they were
// looked up at.
func (c *threadCache) knownCounts(uris []string, out []int) (map[string][]int, uint64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var missing map[string][]int
	for i, u := range uris {
		if snap, ok := c.snaps.Get(u); ok {
			out[i] = snap.published
		} else if n, ok := c.counts.Get(u); ok {
			out[i] = n
		} else {
			if missing == nil {
				missing = make(map[string][]int)
			}
			missing[u] = append(missing[u], i)
		}
	}
	return missing, c.gen.Load()
}

// putCounts keeps counted threads (unknown ones as 0) unless a write came
// since seen.
func (c *threadCache) putCounts(got map[string]int, asked map[string][]int, seen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen.Load() != seen {
		return
	}
	for u := range asked {
		c.counts.Set(u, got[u])
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
