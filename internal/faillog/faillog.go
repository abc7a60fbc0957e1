// Package faillog keeps the last warnings and errors the process logged,
// so the admin dashboard can show an owner that e-mail, the database or
// the configuration needs attention without reading the logs.
package faillog

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Entry is one recorded log line.
type Entry struct {
	Time    time.Time
	Level   slog.Level
	Message string // the record's message followed by its attributes
}

// Log is a bounded ring of entries, safe for concurrent use.
type Log struct {
	mu    sync.Mutex
	max   int
	items []Entry
}

// New returns a Log keeping the last max entries.
func New(max int) *Log { return &Log{max: max} }

// Wrap returns a handler that records warnings and errors in l and
// passes every record on to next unchanged.
func (l *Log) Wrap(next slog.Handler) slog.Handler {
	return &handler{log: l, next: next}
}

// Recent returns the entries, newest first.
func (l *Log) Recent() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Entry, len(l.items))
	for i, e := range l.items {
		out[len(l.items)-1-i] = e
	}
	return out
}

func (l *Log) add(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.items = append(l.items, e)
	if len(l.items) > l.max {
		l.items = l.items[len(l.items)-l.max:]
	}
}

type handler struct {
	log    *Log
	next   slog.Handler
	prefix string // attributes added with WithAttrs, already formatted
}

func (h *handler) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= slog.LevelWarn || h.next.Enabled(ctx, level)
}

func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		var b strings.Builder
		b.WriteString(r.Message)
		b.WriteString(h.prefix)
		r.Attrs(func(a slog.Attr) bool {
			writeAttr(&b, a)
			return true
		})
		t := r.Time
		if t.IsZero() {
			t = time.Now()
		}
		h.log.add(Entry{Time: t, Level: r.Level, Message: b.String()})
	}
	if h.next.Enabled(ctx, r.Level) {
		return h.next.Handle(ctx, r)
	}
	return nil
}

func writeAttr(b *strings.Builder, a slog.Attr) {
	b.WriteString(" " + a.Key + "=" + a.Value.String())
}

func (h *handler) WithAttrs(as []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.prefix)
	for _, a := range as {
		writeAttr(&b, a)
	}
	return &handler{log: h.log, next: h.next.WithAttrs(as), prefix: b.String()}
}

// WithGroup keeps recording; group names are not shown on the dashboard.
func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{log: h.log, next: h.next.WithGroup(name), prefix: h.prefix}
}
