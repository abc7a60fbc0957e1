package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"gorm.io/gorm"
)

// issoVersion is the PRAGMA user_version written by Isso 0.14. Natter never
// sets a higher one, so Isso keeps treating the file as its own; Natter's
// additions are versioned separately in natter_migrations.
const issoVersion = 5

// Isso's DDL (isso-compat.md §5.2). Names, types, constraints and column
// order are Isso's: Isso reads rows with SELECT * and maps by position.
const (
	ddlPreferences = `CREATE TABLE IF NOT EXISTS preferences (
    key VARCHAR PRIMARY KEY, value VARCHAR)`
	ddlThreads = `CREATE TABLE IF NOT EXISTS threads (
    id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256))`
	ddlComments = `CREATE TABLE IF NOT EXISTS comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0)`
	ddlTrigger = `CREATE TRIGGER IF NOT EXISTS remove_stale_threads
AFTER DELETE ON comments
BEGIN
    DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments);
END`
)

// prepareIsso does what Isso does at start-up, up to (not including) the
// trigger: create missing tables and the session key, then either stamp a
// brand-new database with version 5 or migrate an existing one to 5. Every
// part is idempotent, so a crash anywhere in it is repaired by the next
// Open, exactly as Isso would repair it.
func (s *Store) prepareIsso(ctx context.Context) error {
	var fresh bool
	err := s.Write(ctx, func(tx *gorm.DB) error {
		var err error
		fresh, err = createIssoTables(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: create Isso tables: %w", err)
	}
	if fresh {
		return nil
	}
	return s.migrateIsso(ctx)
}

// createIssoTables creates whichever of Isso's tables are missing and
// reports whether none existed (then the database is stamped version 5
// without running migrations, as Isso does).
func createIssoTables(tx *gorm.DB) (fresh bool, err error) {
	var existing int64
	err = tx.Raw(`SELECT count(*) FROM sqlite_master WHERE type = 'table'
		AND name IN ('threads', 'comments', 'preferences')`).Scan(&existing).Error
	if err != nil {
		return false, err
	}
	for _, ddl := range []string{ddlPreferences, ddlThreads, ddlComments} {
		if err := tx.Exec(ddl).Error; err != nil {
			return false, err
		}
	}
	if err := ensureSessionKey(tx); err != nil {
		return false, err
	}
	if existing > 0 {
		return false, nil
	}
	return true, setUserVersion(tx, issoVersion)
}

// ensureSessionKey stores a new session key unless one exists. The key
// signs every cookie and e-mail link, so an existing one is never replaced.
func ensureSessionKey(tx *gorm.DB) error {
	key, err := newSessionKey()
	if err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO preferences (key, value) VALUES ('session-key', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value
		WHERE preferences.value IS NULL`, key).Error
}

// newSessionKey returns Isso's format: 24 random bytes as 48 lower-case
// hex characters.
func newSessionKey() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("session key: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// createIssoTrigger is the transactional part of migration step 1.
func createIssoTrigger(tx *gorm.DB) error {
	return tx.Exec(ddlTrigger).Error
}

func userVersion(tx *gorm.DB) (int, error) {
	var v int
	err := tx.Raw("PRAGMA user_version").Scan(&v).Error
	return v, err
}

// setUserVersion writes the header field; PRAGMA takes no bound
// parameters, and v is always one of our own constants.
func setUserVersion(tx *gorm.DB, v int) error {
	return tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v)).Error
}
