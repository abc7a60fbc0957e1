package notify

import (
	"context"
	"log/slog"
	"time"
)

// keepSettled is how long sent and failed rows stay for the admin panel;
// pruneEvery is how often older ones are deleted.
const (
	keepSettled = 30 * 24 * time.Hour
	pruneEvery  = time.Hour
)

// recover requeues rows whose lease ran out: claimed by a process that
// died, or whose outcome could not be recorded.
func (w *worker) recover(ctx context.Context) {
	w.mu.Lock()
	flying := make([]int64, 0, len(w.flying))
	for id := range w.flying {
		flying = append(flying, id)
	}
	w.mu.Unlock()
	n, err := w.box.Recover(ctx, seconds(w.now().Add(-w.retry.Lease)), flying)
	if err != nil && ctx.Err() == nil {
		w.log.Error("notify: recover", slog.String("error", err.Error()))
	} else if n > 0 {
		w.log.Warn("notify: retrying messages whose delivery was interrupted", slog.Int64("count", n))
	}
}

// fly marks a row as being sent by this worker, or no longer.
func (w *worker) fly(id int64, on bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if on {
		w.flying[id] = true
	} else {
		delete(w.flying, id)
	}
}

// prober is a channel that can check its configuration without sending.
type prober interface {
	Probe(ctx context.Context) error
}

// probe checks every channel that can be checked and logs failures only.
func (w *worker) probe(ctx context.Context) {
	for name, ch := range w.channels {
		if p, ok := ch.(prober); ok {
			if err := p.Probe(ctx); err != nil && ctx.Err() == nil {
				w.log.Warn("notify: channel check failed", slog.String("channel", name), slog.String("error", err.Error()))
			}
		}
	}
}

// prune deletes settled rows older than keepSettled.
func (w *worker) prune(ctx context.Context, now time.Time) {
	n, err := w.box.Prune(ctx, seconds(now.Add(-keepSettled)))
	if err != nil && ctx.Err() == nil {
		w.log.Error("notify: prune", slog.String("error", err.Error()))
	} else if n > 0 {
		w.log.Info("notify: pruned old deliveries", slog.Int64("count", n))
	}
}
