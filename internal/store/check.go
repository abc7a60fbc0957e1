package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// filePath is the file a plain path or "file:" DSN names ("" for URIs
// whose file cannot be told, which are then left to SQLite).
func filePath(base string) string {
	p := strings.TrimPrefix(base, "file:")
	if strings.HasPrefix(p, "//") {
		return ""
	}
	return p
}

// checkWritable refuses a database SQLite could not write: it would open
// a read-only file read-only without a word and fail every write later,
// and report a read-only directory as "no such file or directory". The
// directory must take new files too: SQLite keeps its -wal and -shm files
// beside the database.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("store: database directory %s does not exist; create it or correct [general] dbpath", dir)
	case errors.Is(err, syscall.ENOTDIR) || err == nil && !info.IsDir():
		return fmt.Errorf("store: database directory %s is not a directory; correct [general] dbpath", dir)
	case err != nil:
		return fmt.Errorf("store: database directory %s: %w", dir, err)
	}
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: database file %s is not writable (%w); make it writable by the user Natter runs as", path, cause(err))
	}
	probe, err := os.CreateTemp(dir, ".natter-write-check-*")
	if err != nil {
		return fmt.Errorf("store: database directory %s is not writable (%w); SQLite keeps its -wal and -shm files there, "+
			"so make the directory writable by the user Natter runs as", dir, cause(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// cause drops the *PathError around err: the message names the path.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// QuickCheck runs PRAGMA quick_check and warns, with the path, when the
// file is damaged: Natter still serves (most of a damaged file is often
// readable, and refusing would hide every comment), but the admin sees the
// warning on the dashboard. It reads the whole file (about a second at a
// million comments), so servers run it in the background once they serve
// rather than in Open; a check that ctx cuts short warns of nothing.
func (s *Store) QuickCheck(ctx context.Context) {
	if s.d == postgresDialect {
		return // PostgreSQL checks its pages itself
	}
	problems, err := s.quickCheck(ctx)
	switch {
	case ctx.Err() != nil:
	case err != nil:
		s.log.Warn(damaged, "database", s.path, "error", err.Error())
	case problems != "":
		s.log.Warn(damaged, "database", s.path, "problems", problems)
	}
}

const damaged = "store: the database failed PRAGMA quick_check; it is damaged: restore a backup or run sqlite3 .recover"

// quickCheck returns quick_check's findings ("" for none). It bypasses
// GORM's statement log: the check is slow by nature on a big file, and
// a "slow statement" warning would reach the dashboard at every start.
func (s *Store) quickCheck(ctx context.Context) (string, error) {
	db, err := s.reader.DB()
	if err != nil {
		return "", err
	}
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return "", err
		}
		found = append(found, r)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(found) == 1 && found[0] == "ok" {
		return "", nil
	}
	return strings.Join(found, "; "), nil
}
