// Package backups takes a site's periodic backups ([natter] backup-dir,
// backup-every, backup-keep): a verified copy of the database every
// interval, the oldest removed beyond the number kept.
package backups

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Copier writes a verified copy of the database to a new file.
type Copier func(ctx context.Context, out string) error

// Schedule is where, how often and how many.
type Schedule struct {
	Dir   string
	Every time.Duration
	Keep  int
	// Name prefixes the files: <name>-20261206T103000Z.db.
	Name string
}

// Run takes a backup every s.Every until ctx ends.
func Run(ctx context.Context, s Schedule, copyTo Copier, now func() time.Time, log *slog.Logger) {
	t := time.NewTicker(s.Every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			path, err := Take(ctx, s, copyTo, now())
			if err != nil {
				log.Error("backup failed", slog.String("dir", s.Dir), slog.String("error", err.Error()))
				continue
			}
			log.Info("backup written", slog.String("file", path))
		}
	}
}

// Take writes one backup and prunes the old ones.
func Take(ctx context.Context, s Schedule, copyTo Copier, at time.Time) (string, error) {
	if err := os.MkdirAll(s.Dir, 0o750); err != nil {
		return "", fmt.Errorf("backups: %w", err)
	}
	path := filepath.Join(s.Dir, s.Name+"-"+at.UTC().Format("20060102T150405Z")+".db")
	if err := copyTo(ctx, path); err != nil {
		return "", fmt.Errorf("backups: %w", err)
	}
	return path, prune(s)
}

// prune removes the oldest backups beyond s.Keep (names sort by time).
func prune(s Schedule) error {
	files, err := filepath.Glob(filepath.Join(s.Dir, s.Name+"-*.db"))
	if err != nil {
		return fmt.Errorf("backups: %w", err)
	}
	sort.Strings(files)
	for len(files) > max(s.Keep, 1) {
		if err := os.Remove(files[0]); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("backups: %w", err)
		}
		files = files[1:]
	}
	return nil
}

// Name is a file-name-safe prefix for a site ("natter" for a single site).
func Name(site string) string {
	if site = strings.TrimSpace(site); site == "" {
		return "natter"
	}
	return site
}
