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

// quickCheck runs PRAGMA quick_check and warns, with the path, when the
// file is damaged: Natter still starts (most of a damaged file is often
// readable, and refusing would hide every comment), but the admin sees the
// warning on the dashboard.
func (s *Store) quickCheck(ctx context.Context) {
	if s.d == postgresDialect {
		return // PostgreSQL checks its pages itself
	}
	var rows []string
	if err := s.reader.WithContext(ctx).Raw("PRAGMA quick_check(5)").Scan(&rows).Error; err != nil {
		s.log.Warn("store: the database failed PRAGMA quick_check; it is damaged: restore a backup or run sqlite3 .recover",
			"database", s.path, "error", err.Error())
		return
	}
	if len(rows) == 1 && rows[0] == "ok" {
		return
	}
	s.log.Warn("store: the database failed PRAGMA quick_check; it is damaged: restore a backup or run sqlite3 .recover",
		"database", s.path, "problems", strings.Join(rows, "; "))
}
