package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"github.com/natter/natter/internal/comment"
)

// ErrUnavailable marks a write that failed for a reason outside Natter
// that may pass: a full disk, a read-only file or directory, a lock held
// longer than the busy timeout, an I/O error. It wraps
// comment.ErrUnavailable, which the presenters answer with 503 and
// Retry-After; the SQLite error stays in the chain for the logs.
var ErrUnavailable = fmt.Errorf("store: database unavailable for writes: %w", comment.ErrUnavailable)

// ddlWriteProbe is the one-row table /readyz writes to while writes fail,
// to notice by itself when they work again (space freed, lock released).
const ddlWriteProbe = `CREATE TABLE IF NOT EXISTS natter_write_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    checked REAL NOT NULL)`

// transient reports whether err is a SQLite or PostgreSQL failure of the
// environment rather than of the statement.
func transient(err error) bool {
	if pgTransient(err) {
		return true
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrFull, sqlite3.ErrReadonly, sqlite3.ErrBusy, sqlite3.ErrLocked,
		sqlite3.ErrIoErr, sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrNoLFS:
		return true
	}
	return false
}

// writeFailed wraps a failed write with the database path, marking
// transient failures and recording the first of a run for Ready.
func (s *Store) writeFailed(err error) error {
	if !transient(err) {
		return fmt.Errorf("store: write %s: %w", s.path, err)
	}
	if !s.fault.Swap(true) {
		s.log.Error("store: writes to the database fail; readers still see comments, new ones are refused with 503",
			"database", s.path, "error", err.Error())
	}
	return fmt.Errorf("store: write %s: %w: %w", s.path, ErrUnavailable, err)
}

// writeSucceeded ends a run of failures.
func (s *Store) writeSucceeded() {
	if s.fault.Swap(false) {
		s.log.Info("store: writes to the database work again", "database", s.path)
	}
}

// Ready reports whether the database answers and takes writes. While
// writes fail it tries a one-row write itself, so it recovers without
// waiting for a reader's comment.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.Ping(ctx); err != nil {
		return err
	}
	if !s.fault.Load() {
		return nil
	}
	return s.Write(ctx, func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO natter_write_probe (id, checked) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET checked = excluded.checked`,
			unixSeconds(time.Now())).Error
	})
}

// WriteFault reports whether the last write failed for a transient reason.
func (s *Store) WriteFault() bool { return s.fault.Load() }
