package handlers

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// failureLog keeps the last errors the server logged, for the admin
// dashboard: an owner sees that e-mail or the database failed without
// reading the logs. It wraps the real handler and passes everything on.
type failureLog struct {
	mu    sync.Mutex
	max   int
	items []failure
}

type failure struct {
	Time    time.Time
	Message string
}

func newFailureLog(max int) *failureLog { return &failureLog{max: max} }

// wrap returns a handler that records errors in l and forwards to next.
func (l *failureLog) wrap(next slog.Handler) slog.Handler {
	return &failureHandler{log: l, next: next}
}

// recent returns the failures, newest first.
func (l *failureLog) recent() []failure {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]failure, len(l.items))
	for i, f := range l.items {
		out[len(l.items)-1-i] = f
	}
	return out
}

func (l *failureLog) add(f failure) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.items = append(l.items, f)
	if len(l.items) > l.max {
		l.items = l.items[len(l.items)-l.max:]
	}
}

type failureHandler struct {
	log   *failureLog
	next  slog.Handler
	attrs []slog.Attr
}

func (h *failureHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= slog.LevelError || h.next.Enabled(ctx, level)
}

func (h *failureHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		var b strings.Builder
		b.WriteString(r.Message)
		add := func(a slog.Attr) bool {
			// The access log's own error lines only repeat method and
			// status; the detail is in the handler's "request failed".
			b.WriteString(" " + a.Key + "=" + a.Value.String())
			return true
		}
		for _, a := range h.attrs {
			add(a)
		}
		r.Attrs(add)
		t := r.Time
		if t.IsZero() {
			t = time.Now()
		}
		h.log.add(failure{Time: t, Message: b.String()})
	}
	if h.next.Enabled(ctx, r.Level) {
		return h.next.Handle(ctx, r)
	}
	return nil
}

func (h *failureHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &failureHandler{log: h.log, next: h.next.WithAttrs(as), attrs: append(append([]slog.Attr{}, h.attrs...), as...)}
}

func (h *failureHandler) WithGroup(name string) slog.Handler {
	return &failureHandler{log: h.log, next: h.next.WithGroup(name), attrs: h.attrs}
}
