package comment

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// ExternalVersion reports a number that changes whenever another process
// (natter import, Isso itself, a restore) commits to the database; the
// service's own writes do not change it. The store implements it with
// SQLite's PRAGMA data_version on its writer connection, and on PostgreSQL
// with a change counter that every process's writes bump.
type ExternalVersion func(ctx context.Context) (int64, error)

// externalCheckEvery bounds how often reads ask for the version: the
// writer connection answers, and it is shared with every write. Half a
// second keeps several processes on one PostgreSQL within a second of
// each other's writes, at two cheap queries a second.
const externalCheckEvery = 500 * time.Millisecond

// externalWatch drops the thread cache when another process wrote, so a
// running server shows imported comments within a second.
type externalWatch struct {
	mu      sync.Mutex
	checked time.Time
	version int64
	known   bool
	// due is when the next check is due (Unix nanoseconds), read without
	// the lock: every read passes here, nearly always to learn it is not.
	due atomic.Int64
}

// checkExternal invalidates the cache if the database changed under the
// service since the last check; failures only delay the check.
func (s *Service) checkExternal(ctx context.Context) {
	if s.d.External != nil {
		s.checkExternalAt(ctx, s.d.Now())
	}
}

func (s *Service) checkExternalAt(ctx context.Context, now time.Time) {
	if s.d.External == nil {
		return
	}
	w := &s.ext
	if now.UnixNano() < w.due.Load() {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.known && now.Sub(w.checked) < externalCheckEvery {
		return
	}
	v, err := s.d.External(ctx)
	if err != nil {
		s.d.Logger.Warn("check for external writes", "error", err.Error())
		return
	}
	if w.known && v != w.version {
		s.cache.invalidate()
	}
	w.checked, w.version, w.known = now, v, true
	w.due.Store(now.Add(externalCheckEvery).UnixNano())
}
