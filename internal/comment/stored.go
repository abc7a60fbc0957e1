package comment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
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
	return s.cache.gen.Load() == gen
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

// keepQueue bounds the answers waiting to be stored: each is a cache
// entry, dropped rather than queued without end when the writer is busy,
// and a waiting widget render holds its page (up to a few hundred kB),
// outside the cache budget.
const keepQueue = 64

// keeper queues answers for one background writer, which stores each
// batch in one transaction: one commit per answer would make the writer
// the bottleneck of a cold site.
type keeper struct {
	mu      sync.Mutex
	pending []keepReq
	running bool
}

type keepReq struct {
	stamp int64
	tid   int64
	key   string
	build func() StoredAnswer
}

// KeepAnswer stores, in the background, the answer built from snap that
// build returns under key, unless the thread changes before it is
// written. build runs in the background too (it may compress).
func (s *Service) KeepAnswer(snap *Snapshot, key string, build func() StoredAnswer) {
	if s.d.AnswerSeed == nil || snap.stamp == NoStamp || !snap.Exists {
		return
	}
	r := keepReq{stamp: snap.stamp, tid: snap.Thread.ID, key: s.answerKey(key), build: build}
	k := &s.keeper
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.pending) >= keepQueue {
		return
	}
	k.pending = append(k.pending, r)
	if !k.running {
		k.running = true
		s.bg.Go(s.storeAnswers)
	}
}

// storeAnswers writes the queued answers, a batch at a time, until none
// are left.
func (s *Service) storeAnswers() {
	k := &s.keeper
	for {
		k.mu.Lock()
		batch := k.pending
		k.pending = nil
		if len(batch) == 0 {
			k.running = false
			k.mu.Unlock()
			return
		}
		k.mu.Unlock()
		s.storeBatch(batch)
	}
}

func (s *Service) storeBatch(batch []keepReq) {
	answers := make([]StoredAnswer, 0, len(batch))
	stamps := make([]int64, 0, len(batch))
	for _, r := range batch {
		a := r.build()
		if len(a.Body) == 0 {
			continue
		}
		a.TID, a.Key = r.tid, r.key
		answers, stamps = append(answers, a), append(stamps, r.stamp)
	}
	ctx := context.Background()
	now := s.d.Now()
	err := s.d.Store.Write(ctx, func(q Queries) error {
		for i, a := range answers {
			if _, err := q.KeepAnswer(ctx, a, stamps[i], now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.d.Logger.Warn("store answers", "answers", len(answers), "error", err.Error())
	}
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
