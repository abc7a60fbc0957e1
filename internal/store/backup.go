package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database at dbPath to out while
// other connections (a running server) keep writing: VACUUM INTO reads in
// one transaction, so the copy is a snapshot. The copy is written next to
// out, checked with integrity_check and only then renamed to out, so out
// is either complete and verified or absent.
func Backup(ctx context.Context, dbPath, out string) error {
	if IsPostgres(dbPath) {
		return errors.New("store: backup: natter backup copies SQLite files; back up PostgreSQL with pg_dump")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("store: backup: %s already exists", out)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), filepath.Base(out)+".*.partial")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	os.Remove(tmpName) // VACUUM INTO wants to create the file itself
	defer os.Remove(tmpName)
	if err := vacuumInto(ctx, dbPath, tmpName); err != nil {
		return err
	}
	if err := checkIntegrity(ctx, tmpName); err != nil {
		return err
	}
	if err := os.Rename(tmpName, out); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

func vacuumInto(ctx context.Context, dbPath, out string) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	db, err := sql.Open("sqlite3", buildDSN(dbPath, nil, [][2]string{{"_busy_timeout", "5000"}}))
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		return fmt.Errorf("store: backup %s: %w", dbPath, err)
	}
	return nil
}

// checkIntegrity runs SQLite's full check on a database file.
func checkIntegrity(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", buildDSN(path, nil, [][2]string{{"_query_only", "1"}}))
	if err != nil {
		return fmt.Errorf("store: check %s: %w", path, err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("store: check %s: %w", path, err)
	}
	if res != "ok" {
		return errors.New("store: backup failed its integrity check: " + res)
	}
	return nil
}
