package isso

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/handlers/replay"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/pyjson"
)

// fetchThread is GET /?uri=: a page of a thread with Isso's counters.
// Answers are cached per thread snapshot and normalised query, since a
// thread is read far more often than written.
func (a *api) fetchThread(c *fiber.Ctx) error {
	uri := c.Query("uri")
	if uri == "" && !c.Context().QueryArgs().Has("uri") {
		return fail(c, fiber.StatusBadRequest, "missing uri query", false) // raised in Isso
	}
	q, plain, msg := parseListQuery(c)
	if msg != "" {
		return fail(c, fiber.StatusBadRequest, msg, true)
	}
	// Keyed by thread and query, not snapshot: a write's new answer takes
	// the place of the old one instead of leaving it to age out (for a
	// big thread, megabytes per comment).
	key := uri + "\x00" + listKey(q, plain)
	snap, seen := a.Comments.Peek(c.UserContext(), uri)
	// Every answer below is built from what generation seen holds.
	replay.Keep(c, seen, comment.Forever)
	if snap == nil {
		if ans, ok := a.storedAnswer(c, uri, key, seen); ok {
			return sendAnswer(c, ans)
		}
		var err error
		if snap, err = a.Comments.Snapshot(c.UserContext(), uri); err != nil {
			return a.failFor(c, err)
		}
	}
	if ans, ok := a.threads.Get(key); ok && ans.gen == snap.Gen {
		return sendAnswer(c, ans)
	}
	ans, err := a.buildAnswer(snap, q, plain)
	if err != nil {
		return a.failFor(c, err)
	}
	a.threads.Set(key, ans)
	a.Comments.KeepAnswer(snap, storedPrefix+key, func() comment.StoredAnswer {
		return comment.StoredAnswer{Body: ans.gzip, Until: comment.Forever}
	})
	return sendAnswer(c, ans)
}

// buildAnswer encodes a page of snap's thread. A big one is kept only
// in its gzip form, joined from chunks without being written out: the
// rare client that takes no gzip gets it decompressed (sendAnswer).
func (a *api) buildAnswer(snap *comment.Snapshot, q comment.ListQuery, plain bool) (answer, error) {
	p, cuts, err := a.encodeThread(snap.List(q), plain)
	if err != nil {
		return answer{}, err
	}
	defer func() { a.pieces.Put(p.reset()) }()
	if p.size() >= joinFrom {
		return answer{gen: snap.Gen, gzip: a.joiner.Gzip(p.Body(cuts))}, nil
	}
	body := p.Bytes()
	return answer{gen: snap.Gen, body: body, gzip: render.Compress(body)}, nil
}

// storedPrefix keeps the keys of stored Isso answers apart from the
// widget's.
const storedPrefix = "isso-thread\x00"

// storedAnswer answers a thread memory does not hold from the database
// (comment.Service.StoredAnswer), keeping the copy in memory while no
// thread changes (seen is the generation Peek returned).
func (a *api) storedAnswer(c *fiber.Ctx, uri, key string, seen uint64) (answer, bool) {
	if ans, ok := a.threads.Get(key); ok && ans.gen == 0 && a.Comments.Unchanged(ans.seen) {
		return ans, true
	}
	sa, ok := a.Comments.StoredAnswer(c.UserContext(), uri, storedPrefix+key)
	if !ok {
		return answer{}, false
	}
	ans := answer{seen: seen, gzip: sa.Body}
	a.threads.Set(key, ans)
	return ans, true
}

// joinFrom is the answer size from which its gzip form is joined from
// cached chunks: compressing a whole big thread again after each comment
// would cost more than encoding it, and so would writing out its
// megabytes for each new answer.
const joinFrom = 256 << 10

// answer is an encoded thread, kept with its gzip form: browsers ask for
// gzip, and a thread page compresses to a fraction (Isso never compresses).
type answer struct {
	// gen is the snapshot it was built from (Snapshot.Gen), or 0 for a
	// copy of a stored answer, good while no thread changed since seen
	// (comment.Service.Unchanged). Such a copy, and a big answer, have
	// no plain body.
	gen, seen  uint64
	body, gzip []byte
}

// sendAnswer sends a thread answer, compressed when the client takes it;
// decompressed, the bytes are Isso's. Only the compressed answer carries
// Vary (a cache may give the plain one to anyone), so a client that asks
// for no compression gets exactly Isso's headers.
func sendAnswer(c *fiber.Ctx, ans answer) error {
	if len(ans.gzip) > 0 && render.AcceptsGzip(c) {
		c.Vary(fiber.HeaderAcceptEncoding)
		render.SetHeader(c, fiber.HeaderContentEncoding, "gzip")
		return sendJSON(c, fiber.StatusOK, ans.gzip)
	}
	if ans.body == nil {
		body, err := render.Gunzip(ans.gzip)
		if err != nil {
			return err
		}
		ans.body = body
	}
	return sendJSON(c, fiber.StatusOK, ans.body)
}

// parseListQuery reads GET / parameters with Isso's validation messages.
func parseListQuery(c *fiber.Ctx) (comment.ListQuery, bool, string) {
	args := c.Context().QueryArgs()
	q := comment.ListQuery{Sort: comment.SortOldest}
	if args.Has("sort") {
		s, ok := comment.ParseSort(c.Query("sort"))
		if !ok {
			return q, false, "Invalid sort option. Must be one of: 'newest', 'oldest', 'upvotes'"
		}
		q.Sort = s
	}
	for _, p := range []struct {
		name string
		set  func(n int) string
	}{
		{"limit", func(n int) string { q.Limit = &n; return "" }},
		{"offset", func(n int) string {
			if n < 0 {
				return "offset should not be negative"
			}
			q.Offset = n
			return ""
		}},
		{"parent", func(n int) string { p := int64(n); q.Parent = &p; return "" }},
		{"nested_limit", func(n int) string { q.NestedLimit = &n; return "" }},
	} {
		if !args.Has(p.name) {
			continue
		}
		n, ok := parseInt(c.Query(p.name))
		if !ok {
			return q, false, p.name + " should be integer"
		}
		if msg := p.set(n); msg != "" {
			return q, false, msg
		}
	}
	if v := c.Query("after"); v != "" {
		q.After, _ = strconv.ParseFloat(v, 64)
	}
	plain := c.Query("plain", "0") != "0"
	return q, plain, ""
}

// writeJSON answers v as Isso would print it (internal/pyjson), keeping
// the status already set.
func writeJSON(c *fiber.Ctx, v any) error {
	body, err := pyjson.Marshal(v)
	if err != nil {
		return err
	}
	return sendJSON(c, c.Response().StatusCode(), body)
}

func sendJSON(c *fiber.Ctx, status int, body []byte) error {
	c.Status(status)
	render.SetHeader(c, fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	noSniff(c)
	return c.Send(body)
}

// newThreadCache keeps encoded answers in the site's cache, keyed by the
// thread and the normalised query (listKey) and valid for the snapshot
// they were built from: a write's new answer replaces the old one.
func newThreadCache(c *cache.Cache) *cache.Space[answer] {
	return cache.NewSpace(c, "isso-thread", func(a answer) int64 { return int64(cap(a.body)+cap(a.gzip)) + 8 })
}

// listKey names what changes GET /'s answer besides the snapshot: the
// parsed parameters, so unknown parameters, their order and spellings
// ("limit=05") do not make further copies of one answer.
func listKey(q comment.ListQuery, plain bool) string {
	opt := func(p *int) string {
		if p == nil {
			return "-"
		}
		return strconv.Itoa(*p)
	}
	parent := "-"
	if q.Parent != nil {
		parent = strconv.FormatInt(*q.Parent, 10)
	}
	return strings.Join([]string{string(q.Sort), opt(q.Limit), strconv.Itoa(q.Offset), parent,
		opt(q.NestedLimit), strconv.FormatFloat(q.After, 'g', -1, 64), strconv.FormatBool(plain)}, "&")
}
