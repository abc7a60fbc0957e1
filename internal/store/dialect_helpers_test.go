package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/natter/natter/internal/pgtest"
)

// eachDB runs fn as two subtests, on a fresh SQLite file and on a fresh
// PostgreSQL schema; the PostgreSQL one skips (or fails under CI=true)
// when NATTER_TEST_POSTGRES is unset (see pgtest.DSN).
func eachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	eachPath(t, func(t *testing.T, path string) { fn(t, openTest(t, path)) })
}

// eachPath is eachDB for tests that open (and reopen) the store
// themselves.
func eachPath(t *testing.T, fn func(t *testing.T, path string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, filepath.Join(t.TempDir(), "natter.db")) })
	t.Run("postgres", func(t *testing.T) { fn(t, pgtest.DSN(t)) })
}

// Failures of the environment are transient, those of the statement or of
// the caller's context are not.
func TestPgTransient(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&pgconn.PgError{Code: "53100"}, true},         // disk full
		{&pgconn.PgError{Code: "08006"}, true},         // connection failure
		{&pgconn.PgError{Code: "57P01"}, true},         // admin shutdown
		{&pgconn.PgError{Code: "25006"}, true},         // read-only transaction
		{&pgconn.PgError{Code: "40001"}, true},         // retries ran out
		{&pgconn.PgError{Code: "23505"}, false},        // unique violation
		{&pgconn.PgError{Code: "42601"}, false},        // syntax error
		{fmt.Errorf("x: %w", context.Canceled), false}, // the caller left
		{context.DeadlineExceeded, false},
		{&net.OpError{Op: "dial", Err: errors.New("refused")}, true},
		{errors.New("plain"), false},
	}
	for _, tc := range tests {
		if got := pgTransient(tc.err); got != tc.want {
			t.Errorf("pgTransient(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
