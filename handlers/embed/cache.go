package embed

import (
	"bytes"
	"context"
	"sync"
	"time"

	"github.com/a-h/templ"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/comment"
)

// renderPrepared renders comp once for caching and sending.
func renderPrepared(ctx context.Context, comp templ.Component) (render.Prepared, error) {
	var buf bytes.Buffer
	if err := comp.Render(ctx, &buf); err != nil {
		return render.Prepared{}, err
	}
	return render.Prepare(buf.Bytes()), nil
}

// fragmentCache keeps rendered anonymous threads until their snapshot is
// replaced: an entry is valid only for the snapshot it was rendered from,
// and within the minute it was rendered in (its relative times, "3
// minutes ago", age). A newer render replaces the entry under the same
// key, so time never multiplies entries.
type fragmentCache struct {
	mu  sync.Mutex
	max int
	m   map[string]cachedFragment
}

type cachedFragment struct {
	snap   *comment.Snapshot
	minute time.Time
	f      render.Prepared
}

func newFragmentCache(max int) *fragmentCache {
	return &fragmentCache{max: max, m: make(map[string]cachedFragment)}
}

func (fc *fragmentCache) get(key string, snap *comment.Snapshot, now time.Time) (render.Prepared, bool) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	e, ok := fc.m[key]
	if !ok || e.snap != snap || !e.minute.Equal(now.Truncate(time.Minute)) {
		return render.Prepared{}, false
	}
	return e.f, true
}

func (fc *fragmentCache) put(key string, snap *comment.Snapshot, now time.Time, f render.Prepared) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if len(fc.m) >= fc.max {
		for k := range fc.m {
			delete(fc.m, k)
			if len(fc.m) < fc.max*3/4 {
				break
			}
		}
	}
	fc.m[key] = cachedFragment{snap: snap, minute: now.Truncate(time.Minute), f: f}
}
