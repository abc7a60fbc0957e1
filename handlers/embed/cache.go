package embed

import (
	"bytes"
	"context"
	"strings"
	"sync/atomic"
	"time"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/internal/store/issoenc"
	ui "github.com/natter/natter/views/embed"
)

// renderPrepared renders comp once for caching and sending, compressed
// fast: the reader is waiting (cached makes a reused copy smaller).
func renderPrepared(ctx context.Context, comp templ.Component) (render.Prepared, error) {
	var buf bytes.Buffer
	if err := comp.Render(ctx, &buf); err != nil {
		return render.Prepared{}, err
	}
	return render.PrepareFast(buf.Bytes()), nil
}

// fragment is an anonymous thread render kept in the site's byte-budgeted
// cache: keyed on its snapshot (a write makes new keys, the old entries
// age out) and valid until its first relative time ("3 minutes ago")
// would read differently. A newer render replaces it under the same key,
// so time never multiplies entries.
type fragment struct {
	until time.Time
	f     render.Prepared
	// shrinking is set once a reuse has started making the gzip form
	// smaller (see cached); small once it is (a stored render always is).
	shrinking *atomic.Bool
	small     bool
	// stored marks a copy of a stored render (which has no plain body):
	// it is good while no thread changed since seen (see storedFragment).
	stored bool
	seen   uint64
}

func newFragments(c *cache.Cache) *cache.Space[fragment] {
	return cache.NewSpace(c, "embed-fragment", func(f fragment) int64 { return int64(f.f.Size()) })
}

// fragmentRest names what changes a render besides its snapshot: the
// base URL, the options and the answer's mode. A cached render's key adds
// the snapshot (Snapshot.DerivedKey), a stored one's the prefix below.
func fragmentRest(base string, opts ui.Options, m mode) string {
	return strings.Join([]string{base, opts.Values().Encode(), string(rune('0' + m))}, "\x00")
}

// cacheable drops what does not change a render: the title matters only
// when a post creates the thread, so once it exists the links leave it out
// and readers' varied titles share one entry.
func cacheable(opts ui.Options, snap *comment.Snapshot) ui.Options {
	if snap.Exists {
		opts.Title = ""
	}
	return opts
}

// storedOptions are cacheable's options for a thread that exists, as
// every thread with a stored render does.
func storedOptions(opts ui.Options) ui.Options {
	opts.Title = ""
	return opts
}

// storedFragmentPrefix keeps the keys of stored renders apart from
// Isso's answers.
const storedFragmentPrefix = "embed-thread\x00"

// renderedUntil is when the first relative time in a render of listing
// made at now reads differently.
func renderedUntil(listing comment.Listing, now time.Time) time.Time {
	until := comment.Forever
	earlier := func(v *comment.View) {
		until = minTime(until, i18n.RelativeUntil(issoenc.Time(v.Created), now))
	}
	for _, it := range listing.Items {
		earlier(it.View)
		for _, r := range it.Replies {
			earlier(r)
		}
	}
	return until
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// cached returns a render still exact at now. The first reuse of a render
// recompresses its gzip form smaller in the background (a fifth smaller,
// for a few milliseconds once): a render nobody reads again, as on a site
// whose readers spread over many threads, never pays for it.
func (w *widget) cached(key string, now time.Time) (fragment, bool) {
	f, ok := w.fragments.Get(key)
	if !ok || f.stored || !now.Before(f.until) {
		return fragment{}, false
	}
	if f.shrinking.CompareAndSwap(false, true) {
		go w.shrink(key, f)
	}
	return f, true
}

func (w *widget) shrink(key string, f fragment) {
	small := f
	small.f, small.small = f.f.Smaller(), true
	if cur, ok := w.fragments.Get(key); ok && cur.shrinking == f.shrinking {
		w.fragments.Set(key, small)
	}
}

// keep caches a render compressed fast, as its reader got it.
func (w *widget) keep(key string, until time.Time, p render.Prepared) {
	w.fragments.Set(key, fragment{until: until, f: p, shrinking: new(atomic.Bool)})
}

// storedFragment answers a thread memory does not hold from its stored
// render (comment.Service.StoredAnswer), keeping the copy in memory
// while no thread changes (seen is the generation Peek returned).
func (w *widget) storedFragment(c *fiber.Ctx, uri, rest string, seen uint64, now time.Time) (fragment, bool) {
	key := storedFragmentPrefix + rest
	if f, ok := w.fragments.Get(key); ok && f.stored && now.Before(f.until) && w.svc.Unchanged(f.seen) {
		return f, true
	}
	sa, ok := w.svc.StoredAnswer(c.UserContext(), uri, key)
	if !ok {
		return fragment{}, false
	}
	f := fragment{until: sa.Until, f: render.Prepared{Gzip: sa.Body, ETag: sa.Tag}, shrinking: new(atomic.Bool),
		small: true, stored: true, seen: seen}
	w.fragments.Set(key, f)
	return f, true
}
