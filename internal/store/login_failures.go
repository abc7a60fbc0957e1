package store

import (
	"context"
	"fmt"
	"math"
	"time"

	"gorm.io/gorm"
)

// ddlLoginFailures records failed admin logins per limited unit (an IPv4
// address or an IPv6 /64), so that every process sharing the database
// enforces one limit. Rows older than the window are deleted as new ones
// arrive. Times are float UNIX seconds like Isso's.
var ddlLoginFailures = []string{
	`CREATE TABLE IF NOT EXISTS natter_login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    addr_key TEXT NOT NULL,
    failed_at REAL NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS natter_login_failures_key ON natter_login_failures (addr_key, failed_at)`,
	`CREATE INDEX IF NOT EXISTS natter_login_failures_at ON natter_login_failures (failed_at)`,
}

// LoginFailures is the admin login limiter's table (auth.FailureStore).
type LoginFailures struct{ s *Store }

// LoginFailures returns the failed admin logins.
func (s *Store) LoginFailures() LoginFailures { return LoginFailures{s: s} }

// RecentFailures counts key's failures after since and returns the oldest
// of them, as every process sharing the database recorded them.
func (l LoginFailures) RecentFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var row struct {
		N      int64
		Oldest *float64
	}
	err := l.s.reader.WithContext(ctx).Raw(
		"SELECT count(*) AS n, min(failed_at) AS oldest FROM natter_login_failures WHERE addr_key = ? AND failed_at > ?",
		key, unixSeconds(since)).Scan(&row).Error
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: login failures: %w", err)
	}
	if row.N == 0 || row.Oldest == nil {
		return 0, time.Time{}, nil
	}
	return int(row.N), fromUnixSeconds(*row.Oldest), nil
}

// AddFailure records a failure of key at at and deletes every failure (of
// any key) at or before expired.
func (l LoginFailures) AddFailure(ctx context.Context, key string, at, expired time.Time) error {
	err := l.s.Write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM natter_login_failures WHERE failed_at <= ?", unixSeconds(expired)).Error; err != nil {
			return err
		}
		return tx.Exec("INSERT INTO natter_login_failures (addr_key, failed_at) VALUES (?, ?)", key, unixSeconds(at)).Error
	})
	if err != nil {
		return fmt.Errorf("store: record login failure: %w", err)
	}
	return nil
}

// ClearFailures forgets key's failures (after a successful login).
func (l LoginFailures) ClearFailures(ctx context.Context, key string) error {
	err := l.s.Write(ctx, func(tx *gorm.DB) error {
		return tx.Exec("DELETE FROM natter_login_failures WHERE addr_key = ?", key).Error
	})
	if err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}

// fromUnixSeconds is the inverse of unixSeconds, to the microsecond.
func fromUnixSeconds(f float64) time.Time {
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3)
}
