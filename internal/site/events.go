package site

import (
	"context"
	"log/slog"
	"strconv"

	"github.com/natter/natter/internal/comment"
)

// logEvents is Isso's "stdout" notification back-end: new comments are
// logged, which small installations rely on to see what arrived.
type logEvents struct{ log *slog.Logger }

func newLogEvents(log *slog.Logger) logEvents { return logEvents{log: log} }

func (e logEvents) Created(_ context.Context, ev comment.Event) {
	e.log.Info("new comment", slog.Int64("id", ev.View.ID), slog.String("uri", ev.URI),
		slog.Int("mode", ev.View.Mode), slog.String("link", ev.Origin+ev.URI+"#isso-"+itoa(ev.View.ID)))
}

func (e logEvents) Edited(_ context.Context, ev comment.Event) {
	e.log.Info("comment edited", slog.Int64("id", ev.View.ID))
}

func (e logEvents) Deleted(_ context.Context, id int64) {
	e.log.Info("comment deleted", slog.Int64("id", id))
}

func (e logEvents) Activated(_ context.Context, ev comment.Event) {
	e.log.Info("comment activated", slog.Int64("id", ev.View.ID))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
