package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/natter/natter/internal/store"
)

// Retry tunes delivery; zero fields take the defaults.
type Retry struct {
	First    time.Duration // delay before the second attempt (30s)
	Max      time.Duration // longest delay between attempts (1h)
	Poll     time.Duration // how often the queue is looked at unprompted (5s)
	Parallel int           // deliveries in flight at once (4)
	// Lease is how long a claimed row may stay "sending" before another
	// worker (after a crash, or another process on the same database)
	// sends it again; it must exceed the longest attempt (10m).
	Lease time.Duration
}

func (r Retry) withDefaults() Retry {
	if r.First <= 0 {
		r.First = 30 * time.Second
	}
	if r.Max <= 0 {
		r.Max = time.Hour
	}
	if r.Poll <= 0 {
		r.Poll = 5 * time.Second
	}
	if r.Parallel <= 0 {
		r.Parallel = 4
	}
	if r.Lease <= 0 {
		r.Lease = 10 * time.Minute
	}
	return r
}

// delay is the wait after the given failed attempt: First, doubling, at
// most Max.
func (r Retry) delay(attempt int) time.Duration {
	d := r.First
	for i := 1; i < attempt && d < r.Max; i++ {
		d *= 2
	}
	return min(d, r.Max)
}

// worker delivers outbox rows.
type worker struct {
	box      store.Outbox
	channels map[string]Channel
	retry    Retry
	giveUp   time.Duration
	kick     chan struct{}
	now      func() time.Time
	log      *slog.Logger

	mu     sync.Mutex
	flying map[int64]bool // rows this worker is sending
}

// run delivers until ctx ends. Deliveries in flight when ctx ends are
// finished and recorded before run returns, so a clean restart sends
// nothing twice.
func (w *worker) run(ctx context.Context) error {
	var probing sync.WaitGroup
	probing.Go(func() { w.probe(ctx) })
	defer probing.Wait()
	tick := time.NewTicker(w.retry.Poll)
	defer tick.Stop()
	var pruned, recovered time.Time
	for {
		now := w.now()
		if now.Sub(pruned) >= pruneEvery {
			w.prune(ctx, now)
			pruned = now
		}
		if now.Sub(recovered) >= w.retry.Poll {
			w.recover(ctx)
			recovered = now
		}
		w.drain(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-w.kick:
		case <-tick.C:
		}
	}
}

// drain delivers due rows in batches until none is due or ctx ends.
func (w *worker) drain(ctx context.Context) {
	for ctx.Err() == nil {
		rows, err := w.box.Claim(ctx, seconds(w.now()), w.retry.Parallel)
		if err != nil {
			if ctx.Err() == nil {
				w.log.Error("notify: claim", slog.String("error", err.Error()))
			}
			return
		}
		if len(rows) == 0 {
			return
		}
		var wg sync.WaitGroup
		for _, r := range rows {
			w.fly(r.ID, true)
			wg.Go(func() {
				defer w.fly(r.ID, false)
				w.deliver(context.WithoutCancel(ctx), r)
			})
		}
		wg.Wait()
	}
}

// deliver sends one claimed row and records the outcome. It runs on a
// context that is not cancelled at shutdown: each channel bounds its own
// attempt, and an attempt cut off midway could have been accepted.
func (w *worker) deliver(ctx context.Context, r store.OutboxRow) {
	answer, err := w.send(ctx, r)
	now := w.now()
	state, next := store.OutboxSent, now
	switch {
	case err == nil:
	case IsPermanent(err) || now.Sub(fromSeconds(r.Queued)) >= w.giveUp:
		state = store.OutboxFailed
	default:
		state, next = store.OutboxRetrying, now.Add(w.retry.delay(r.Attempts))
	}
	if err != nil {
		answer = joinAnswer(answer, err)
		w.log.Warn("notify: delivery failed", slog.Int64("id", r.ID), slog.String("channel", r.Channel),
			slog.Int("attempt", r.Attempts), slog.String("state", state), slog.String("error", answer))
	}
	if err := w.box.Settle(ctx, r.ID, state, answer, seconds(now), seconds(next)); err != nil {
		w.log.Error("notify: record delivery", slog.Int64("id", r.ID), slog.String("error", err.Error()))
	}
}

func (w *worker) send(ctx context.Context, r store.OutboxRow) (string, error) {
	ch, ok := w.channels[r.Channel]
	if !ok {
		return "", Permanent(fmt.Errorf("channel %q is not configured", r.Channel))
	}
	var m Message
	if err := json.Unmarshal([]byte(r.Payload), &m); err != nil {
		return "", Permanent(fmt.Errorf("decode message: %w", err))
	}
	return ch.Send(ctx, m)
}

// joinAnswer keeps the remote's answer and the error, without repeating.
func joinAnswer(answer string, err error) string {
	msg := err.Error()
	var p permanentError
	if errors.As(err, &p) {
		msg = p.err.Error()
	}
	if answer == "" || answer == msg {
		return msg
	}
	return answer + " (" + msg + ")"
}

// wake asks the worker to look at the queue now; it never blocks.
func (w *worker) wake() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}
