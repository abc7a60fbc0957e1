package embed

import (
	"bytes"
	"context"
	"strings"
	"sync/atomic"
	"time"

	"github.com/a-h/templ"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
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
// age out) and valid within the minute it was rendered in, since its
// relative times ("3 minutes ago") age. A newer render replaces it under
// the same key, so time never multiplies entries.
type fragment struct {
	minute time.Time
	f      render.Prepared
	// shrinking is set once a reuse has started making the gzip form
	// smaller (see cached).
	shrinking *atomic.Bool
}

func newFragments(c *cache.Cache) *cache.Space[fragment] {
	return cache.NewSpace(c, "embed-fragment", func(f fragment) int64 { return int64(f.f.Size()) })
}

// fragmentKey names a render by what changes its output: the snapshot,
// the base URL, the normalised options and the mode.
func fragmentKey(snap *comment.Snapshot, base string, opts ui.Options, m mode) string {
	return snap.DerivedKey(strings.Join([]string{base, opts.Values().Encode(), string(rune('0' + m))}, "\x00"))
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

// cached returns a render of this minute. The first reuse of a render
// recompresses its gzip form smaller in the background (a fifth smaller,
// for a few milliseconds once): a render nobody reads again, as on a site
// whose readers spread over many threads, never pays for it.
func (w *widget) cached(key string, now time.Time) (render.Prepared, bool) {
	f, ok := w.fragments.Get(key)
	if !ok || !f.minute.Equal(now.Truncate(time.Minute)) {
		return render.Prepared{}, false
	}
	if f.shrinking.CompareAndSwap(false, true) {
		go w.shrink(key, f)
	}
	return f.f, true
}

func (w *widget) shrink(key string, f fragment) {
	small := f
	small.f = f.f.Smaller()
	if cur, ok := w.fragments.Get(key); ok && cur.shrinking == f.shrinking {
		w.fragments.Set(key, small)
	}
}

// keep caches a render compressed fast, as its reader got it.
func (w *widget) keep(key string, now time.Time, p render.Prepared) {
	w.fragments.Set(key, fragment{minute: now.Truncate(time.Minute), f: p, shrinking: new(atomic.Bool)})
}
