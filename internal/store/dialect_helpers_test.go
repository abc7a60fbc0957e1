package store

import (
	"path/filepath"
	"testing"

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
