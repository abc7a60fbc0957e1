package auth

import (
	"context"
	"log/slog"
	"time"
)

// LoginLimiter is what the admin login asks before and after checking a
// password: Limiter keeps its counts in memory, StoreLimiter in the
// database that several processes share.
type LoginLimiter interface {
	Blocked(addr string, now time.Time) (bool, time.Duration)
	Fail(addr string, now time.Time)
	Reset(addr string)
}

var (
	_ LoginLimiter = (*Limiter)(nil)
	_ LoginLimiter = (*StoreLimiter)(nil)
)

// FailureStore keeps failed logins by limited unit (see Key).
type FailureStore interface {
	// RecentFailures counts key's failures after since and returns the
	// oldest of them.
	RecentFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error)
	// AddFailure records a failure at at and may forget every failure at
	// or before expired.
	AddFailure(ctx context.Context, key string, at, expired time.Time) error
	// ClearFailures forgets key's failures.
	ClearFailures(ctx context.Context, key string) error
}

// storeTimeout bounds one database call of the limiter.
const storeTimeout = 5 * time.Second

// StoreLimiter is Limiter with its counts in a FailureStore: every process
// on one database enforces one limit, and a restart forgets nothing. When
// the store fails, Blocked refuses for a minute (the password must not be
// open to guessing while failures cannot be counted) and the error is
// logged.
type StoreLimiter struct {
	Max    int
	Window time.Duration
	store  FailureStore
	log    *slog.Logger
}

// NewStoreLimiter allows max failures per window and address, counted in
// store; log (nil: slog.Default()) receives the store's errors.
func NewStoreLimiter(max int, window time.Duration, store FailureStore, log *slog.Logger) *StoreLimiter {
	if log == nil {
		log = slog.Default()
	}
	return &StoreLimiter{Max: max, Window: window, store: store, log: log}
}

// Blocked reports whether addr must wait, and for how long.
func (l *StoreLimiter) Blocked(addr string, now time.Time) (bool, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	n, oldest, err := l.store.RecentFailures(ctx, Key(addr), now.Add(-l.Window))
	if err != nil {
		l.log.Error("admin: login limiter", "error", err.Error())
		return true, time.Minute
	}
	if n < l.Max {
		return false, 0
	}
	return true, oldest.Add(l.Window).Sub(now)
}

// Fail records a failed attempt from addr.
func (l *StoreLimiter) Fail(addr string, now time.Time) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := l.store.AddFailure(ctx, Key(addr), now, now.Add(-l.Window)); err != nil {
		l.log.Error("admin: login limiter", "error", err.Error())
	}
}

// Reset forgets addr's failures after a successful login.
func (l *StoreLimiter) Reset(addr string) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := l.store.ClearFailures(ctx, Key(addr)); err != nil {
		l.log.Error("admin: login limiter", "error", err.Error())
	}
}
