package store

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"
)

// slowQuery is the duration above which a statement is logged as slow.
const slowQuery = 500 * time.Millisecond

// gormLogger adapts GORM's logger to slog at warn level. It never logs SQL
// arguments: they contain commenters' e-mail and IP addresses.
type gormLogger struct {
	log *slog.Logger
}

func newGormLogger(log *slog.Logger) gormLogger { return gormLogger{log: log} }

// LogMode is ignored: the level is the slog handler's business.
func (l gormLogger) LogMode(gormlogger.LogLevel) gormlogger.Interface { return l }

// Info drops GORM's informational messages.
func (l gormLogger) Info(context.Context, string, ...any) {}

// Warn forwards GORM warnings; they carry no row data.
func (l gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	l.log.WarnContext(ctx, "store: gorm", "msg", msg, "args_count", len(args))
}

// Error forwards GORM errors without their arguments.
func (l gormLogger) Error(ctx context.Context, msg string, args ...any) {
	l.log.ErrorContext(ctx, "store: gorm", "msg", msg, "args_count", len(args))
}

// Trace logs failed and slow statements. ErrRecordNotFound is an expected
// outcome, reported to callers as ErrNotFound, not a failure.
func (l gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	failed := err != nil && !errors.Is(err, gorm.ErrRecordNotFound)
	if !failed && elapsed < slowQuery {
		return
	}
	sql, rows := fc()
	attrs := []any{"sql", sql, "rows", rows, "elapsed", elapsed}
	if failed {
		l.log.WarnContext(ctx, "store: statement failed", append(attrs, "err", err)...)
		return
	}
	l.log.WarnContext(ctx, "store: slow statement", attrs...)
}

// ParamsFilter drops the bound values, so the SQL passed to Trace keeps its
// "?" placeholders instead of interpolated personal data.
func (l gormLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}
