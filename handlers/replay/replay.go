// Package replay answers a request that repeats an earlier one with the
// earlier answer's bytes, ahead of routing. The few answers readers ask
// for over and over (a thread's comments, a page's counts) come from
// caches already; for those, Fiber's context, routing and middleware
// cost more than the answer itself.
//
// A handler opts in per answer (Keep): it says which generation of the
// comments the answer was built from and until when it holds. The key is
// the request as it arrived: method, target, body and every header but
// the ignored ones (see ignored), so an answer is replayed only to a
// request its handler would have answered with the same bytes. The
// answer's own per-request parts are made anew: the request id, the
// access log line and the metrics (Recorder).
package replay

import (
	"bytes"
	"hash/maphash"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// Recorder is what every answer gets, replayed or not.
type Recorder interface {
	// Begin sets the headers each answer starts with (the request id).
	Begin(ctx *fasthttp.RequestCtx)
	// End records an answer: the route that made it, its status and
	// how long it took.
	End(ctx *fasthttp.RequestCtx, method, route string, status int, took time.Duration)
}

// Options configure a Memo.
type Options struct {
	// MaxBytes bounds the answers kept, keys and headers included.
	MaxBytes int64
	// Generation is the comments' generation at now (read from Now): an
	// answer built from another one is not replayed.
	Generation func(now time.Time) uint64
	// Now is the clock an answer's Until is read against.
	Now      func() time.Time
	Recorder Recorder
}

// Memo keeps replayable answers for one site.
type Memo struct {
	o    Options
	seed maphash.Seed

	mu      sync.RWMutex
	entries map[string]*entry
	order   []*entry // oldest first: the eviction order
	used    int64
	// seen holds the hashes of keys whose answers were kept once but not
	// stored: a key is stored when it comes again, so requests nobody
	// repeats (a crawl, or many threads read once each) cost no copies.
	seen [seenSlots]uint64
}

const seenSlots = 4096

// entry is one kept answer.
type entry struct {
	key    string
	route  string
	method string
	status int
	header [][2][]byte // canonical names, in the order the handler set them
	body   []byte      // shared with the cache the handler answered from
	gen    uint64
	until  time.Time
	weight int64
}

// New makes an empty memo.
func New(o Options) *Memo {
	return &Memo{o: o, seed: maphash.MakeSeed(), entries: map[string]*entry{}}
}

// mark is what Keep leaves on the request for Wrap.
type mark struct {
	route string
	gen   uint64
	until time.Time
}

type markKey struct{}

// Keep marks the answer c is sending as replayable while the comments
// are at generation gen (read before the answer was built) and until
// until. The answer must depend on nothing but the request's key (no
// client address, no ignored header) and its body must not change after
// it is sent (a cached slice, as c.Send keeps it).
func Keep(c *fiber.Ctx, gen uint64, until time.Time) {
	c.Context().SetUserValue(markKey{}, mark{route: c.Route().Path, gen: gen, until: until})
}

// Wrap serves from m what it holds, and next the rest.
func (m *Memo) Wrap(next fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		var buf [512]byte
		key, ok := requestKey(buf[:0], ctx)
		if !ok {
			next(ctx)
			return
		}
		if m.replay(ctx, key) {
			return
		}
		next(ctx)
		m.keep(ctx, key)
	}
}

// replay answers ctx from the entry under key, if it is still good.
func (m *Memo) replay(ctx *fasthttp.RequestCtx, key []byte) bool {
	m.mu.RLock()
	e := m.entries[string(key)]
	m.mu.RUnlock()
	if e == nil {
		return false
	}
	// The clock is read twice in all (a tenth of a replay's cost here):
	// once for both checks, once for the time taken since fasthttp's
	// own reading when the request arrived.
	now := m.o.Now()
	if e.gen != m.o.Generation(now) || !now.Before(e.until) {
		m.drop(e)
		return false
	}
	m.o.Recorder.Begin(ctx)
	ctx.SetStatusCode(e.status)
	for _, h := range e.header {
		ctx.Response.Header.SetCanonical(h[0], h[1])
	}
	if e.body != nil {
		ctx.Response.SetBodyRaw(e.body)
	}
	m.o.Recorder.End(ctx, e.method, e.route, e.status, time.Since(ctx.Time()))
	return true
}

// drop removes e, gone stale, if it is still the entry of its key; the
// key has proved itself, so the answer built next is stored at once.
func (m *Memo) drop(e *entry) {
	h := maphash.String(m.seed, e.key)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries[e.key] == e {
		delete(m.entries, e.key)
		m.used -= e.weight
	}
	m.seen[h%seenSlots] = h
}

// keep stores the answer next gave ctx if its handler marked it.
func (m *Memo) keep(ctx *fasthttp.RequestCtx, key []byte) {
	mk, ok := ctx.UserValue(markKey{}).(mark)
	if !ok || ctx.Response.IsBodyStream() {
		return
	}
	status := ctx.Response.StatusCode()
	if status != fasthttp.StatusOK && status != fasthttp.StatusNotModified {
		return
	}
	e := &entry{route: mk.route, method: methodName(ctx), status: status, gen: mk.gen, until: mk.until}
	if !captureHeaders(e, &ctx.Response.Header) {
		return
	}
	// A 304 is sent without its body (Fiber leaves its status text there,
	// in a buffer fasthttp reuses).
	if body := ctx.Response.Body(); len(body) > 0 && status != fasthttp.StatusNotModified {
		e.body = body
	}
	e.weight = int64(len(key)+len(e.body)+len(e.route)) + entryOverhead
	for _, h := range e.header {
		e.weight += int64(len(h[0]) + len(h[1]) + 48)
	}
	if e.weight > m.o.MaxBytes/8 {
		return // a few big answers would push out the many small ones
	}
	m.store(e, key)
}

// entryOverhead is an entry's bookkeeping beyond its bytes: the struct,
// its map slot and its place in order.
const entryOverhead = 256

// store adds e under key unless key is new to the doorkeeper.
func (m *Memo) store(e *entry, key []byte) {
	h := maphash.Bytes(m.seed, key)
	m.mu.Lock()
	defer m.mu.Unlock()
	slot := &m.seen[h%seenSlots]
	if old, ok := m.entries[string(key)]; ok {
		delete(m.entries, old.key)
		m.used -= old.weight
	} else if *slot != h {
		*slot = h
		return
	}
	*slot = 0
	e.key = string(key)
	for m.used+e.weight > m.o.MaxBytes && len(m.order) > 0 {
		m.evictOldest()
	}
	m.entries[e.key] = e
	m.order = append(m.order, e)
	m.used += e.weight
	m.compact()
}

// evictOldest drops the oldest entry in order.
func (m *Memo) evictOldest() {
	old := m.order[0]
	m.order[0] = nil
	m.order = m.order[1:]
	if m.entries[old.key] == old {
		delete(m.entries, old.key)
		m.used -= old.weight
	}
}

// compact leaves only live entries in order once dead ones (replaced, or
// dropped as stale) outnumber them: each still holds its body.
func (m *Memo) compact() {
	if len(m.order) <= 2*len(m.entries)+64 {
		return
	}
	live := make([]*entry, 0, len(m.entries))
	for _, e := range m.order {
		if m.entries[e.key] == e {
			live = append(live, e)
		}
	}
	m.order = live
}

// Len is the number of answers held, for tests and the debug page.
func (m *Memo) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.entries)
}

// captureHeaders copies the answer's headers into e, leaving out what
// the server and Recorder set per answer; an answer that sets a cookie
// is never replayed.
func captureHeaders(e *entry, h *fasthttp.ResponseHeader) bool {
	ok := true
	h.VisitAll(func(k, v []byte) {
		switch string(k) {
		case fasthttp.HeaderSetCookie:
			ok = false
		case fasthttp.HeaderContentLength, fasthttp.HeaderDate, fasthttp.HeaderConnection,
			fasthttp.HeaderTransferEncoding, "X-Request-Id":
		default:
			e.header = append(e.header, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
		}
	})
	return ok
}

func methodName(ctx *fasthttp.RequestCtx) string {
	if ctx.IsPost() {
		return fasthttp.MethodPost
	}
	return fasthttp.MethodGet
}
