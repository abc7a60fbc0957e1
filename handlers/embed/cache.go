package embed

import (
	"bytes"
	"context"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	ui "github.com/natter/natter/views/embed"
)

// renderPrepared renders comp once for caching and sending, compressed
// fast: the reader is waiting (keep makes the kept copy smaller later).
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

func (w *widget) cached(key string, now time.Time) (render.Prepared, bool) {
	f, ok := w.fragments.Get(key)
	if !ok || !f.minute.Equal(now.Truncate(time.Minute)) {
		return render.Prepared{}, false
	}
	return f.f, true
}

// keep caches a render and, in the background, replaces its gzip form by
// a smaller one for the readers after the first (a fifth smaller for a
// few milliseconds once).
func (w *widget) keep(key string, now time.Time, p render.Prepared) {
	f := fragment{minute: now.Truncate(time.Minute), f: p}
	w.fragments.Set(key, f)
	go func() {
		f.f = p.Smaller()
		if cur, ok := w.fragments.Get(key); ok && cur.minute.Equal(f.minute) && cur.f.ETag == f.f.ETag {
			w.fragments.Set(key, f)
		}
	}()
}
