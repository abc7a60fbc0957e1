package comment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
)

// StoredAnswer is an encoded answer to a thread request (Isso's JSON, the
// widget's render), kept in the database so that a thread memory does not
// hold is answered without loading it: on a site with more threads than
// the cache budget holds, most reads would otherwise load one.
type StoredAnswer struct {
	TID  int64
	Key  string // the hashed key (Service.answerKey)
	Tag  string // a validator sent with it (an ETag), if any
	Body []byte // its gzip form
	// Until is when it expires (relative times in it age); Forever for
	// an answer only a change to its thread ends.
	Until time.Time
}

// Forever is the expiry of an answer only a change to its thread ends.
var Forever = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// NoStamp is the stamp of a snapshot whose answers are not stored: one
// patched after a write, or one from a store without stored answers.
const NoStamp int64 = -1

// keepAtOnce bounds the background writes of answers: each is a cache
// entry, dropped rather than queued when the writer is busy.
const keepAtOnce = 2

// Peek returns the thread's snapshot when memory holds it (nil if not)
// without loading it, and the cache's generation, which every change to
// any thread moves on: a copy of a stored answer stays good while
// Unchanged(gen).
func (s *Service) Peek(ctx context.Context, uri string) (*Snapshot, uint64) {
	s.checkExternal(ctx)
	return s.cache.get(uri)
}

// Unchanged reports whether no thread changed since Peek returned gen.
func (s *Service) Unchanged(gen uint64) bool {
	s.cache.mu.RLock()
	defer s.cache.mu.RUnlock()
	return s.cache.gen == gen
}

// StoredAnswer finds the answer stored under key for the thread at uri.
// A failure is a miss: the caller builds the answer instead.
func (s *Service) StoredAnswer(ctx context.Context, uri, key string) (StoredAnswer, bool) {
	if s.d.AnswerSeed == nil {
		return StoredAnswer{}, false
	}
	a, err := s.d.Store.Read().StoredAnswer(ctx, uri, s.answerKey(key), s.d.Now())
	if err != nil {
		if !errors.Is(err, ErrNotFound) {
			s.d.Logger.Warn("read stored answer", "error", err.Error())
		}
		return a, false
	}
	return a, true
}

// KeepAnswer stores, in the background, the answer built from snap that
// build returns under key, unless the thread changes before it is
// written. build runs in the background too (it may compress).
func (s *Service) KeepAnswer(ctx context.Context, snap *Snapshot, key string, build func() StoredAnswer) {
	if s.d.AnswerSeed == nil || snap.stamp == NoStamp || !snap.Exists {
		return
	}
	select {
	case s.keeping <- struct{}{}:
	default:
		return
	}
	ctx = context.WithoutCancel(ctx)
	s.bg.Go(func() {
		defer func() { <-s.keeping }()
		a := build()
		if len(a.Body) == 0 {
			return
		}
		a.TID, a.Key = snap.Thread.ID, s.answerKey(key)
		err := s.d.Store.Write(ctx, func(q Queries) error {
			_, err := q.KeepAnswer(ctx, a, snap.stamp, s.d.Now())
			return err
		})
		if err != nil {
			s.d.Logger.Warn("store answer", "error", err.Error())
		}
	})
}

// answerKey hashes key with what else shapes an answer: the build and
// the configuration (Deps.AnswerSeed), so that neither an upgrade nor a
// changed setting is answered from an older one's answers.
func (s *Service) answerKey(key string) string {
	h := sha256.New()
	h.Write([]byte(s.d.AnswerSeed()))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return hex.EncodeToString(h.Sum(nil)[:16])
}
