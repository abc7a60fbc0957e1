package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// issoStep migrates Isso's schema from user_version i to i+1.
type issoStep func(tx *gorm.DB) error

// issoSteps are Isso's own migrations (isso-compat.md §5.5), indexed by
// the version they start from.
func (s *Store) issoSteps() [issoVersion]issoStep {
	return [issoVersion]issoStep{
		issoResetVoters,
		s.issoLegacySessionKey,
		issoFlattenReplies,
		issoAddNotification,
		issoTextNotNull,
	}
}

// migrateIsso runs Isso's migrations from the stored user_version up to 5,
// each in its own transaction that also bumps user_version, so a crash
// leaves a database that both Isso and Natter resume from.
func (s *Store) migrateIsso(ctx context.Context) error {
	return s.writer.WithContext(ctx).Connection(func(conn *gorm.DB) (err error) {
		// Isso migrates with foreign keys off (the SQLite default). With
		// them on, 4→5 would fail copying historic rows whose thread is gone.
		if err := conn.Exec("PRAGMA foreign_keys = OFF").Error; err != nil {
			return fmt.Errorf("store: disable foreign keys: %w", err)
		}
		defer func() {
			if ferr := conn.Exec("PRAGMA foreign_keys = ON").Error; ferr != nil {
				err = errors.Join(err, fmt.Errorf("store: enable foreign keys: %w", ferr))
			}
		}()
		for done := false; !done; {
			if done, err = s.migrateIssoOnce(conn); err != nil {
				return err
			}
		}
		return nil
	})
}

// migrateIssoOnce applies the next Isso migration, if any. The version is
// read inside the write transaction, so a concurrent migrator (another
// Natter, or Isso) is never doubled.
func (s *Store) migrateIssoOnce(conn *gorm.DB) (done bool, err error) {
	from := 0
	err = conn.Transaction(func(tx *gorm.DB) error {
		if from, err = userVersion(tx); err != nil {
			return err
		}
		if from > issoVersion {
			return fmt.Errorf("user_version %d is newer than Isso 0.14's %d", from, issoVersion)
		}
		if from == issoVersion {
			done = true
			return nil
		}
		if err := s.issoSteps()[from](tx); err != nil {
			return err
		}
		return setUserVersion(tx, from+1)
	})
	if err != nil {
		return false, fmt.Errorf("store: migrating Isso DB version %d to %d failed: %w", from, from+1, err)
	}
	if !done {
		s.log.Info("store: migrated Isso schema", "from", from, "to", from+1)
	}
	return done, nil
}

// issoResetVoters (0→1) replaces every voters filter with one holding only
// 127.0.0.0, as Isso did to discard filters written by a buggy release.
func issoResetVoters(tx *gorm.DB) error {
	return tx.Exec("UPDATE comments SET voters = ?", votersFilter("127.0.0.0")).Error
}

// issoLegacySessionKey (1→2) adopts isso.cfg's [general] session-key, so
// links and cookies signed by that installation stay valid.
func (s *Store) issoLegacySessionKey(tx *gorm.DB) error {
	if s.opts.LegacySessionKey == "" {
		return nil
	}
	return tx.Exec("UPDATE preferences SET value = ? WHERE key = 'session-key'",
		s.opts.LegacySessionKey).Error
}

// issoAddNotification (3→4) adds the notification column unless Isso
// 0.11–0.13 already added it without bumping the version.
func issoAddNotification(tx *gorm.DB) error {
	var n int64
	err := tx.Raw("SELECT count(*) FROM pragma_table_info('comments') WHERE name = 'notification'").
		Scan(&n).Error
	if err != nil || n > 0 {
		return err
	}
	return tx.Exec("ALTER TABLE comments ADD COLUMN notification INTEGER DEFAULT 0").Error
}

// issoTextNotNull (4→5) fills NULL texts and rebuilds comments with
// text NOT NULL, exactly as Isso does. The rebuild drops every index and
// trigger on the old table (Natter's natter_comments_tid included); the
// trigger is re-created by migration step 1 and Natter's index is created
// only after this has run, and Natter never leaves a database below 5.
func issoTextNotNull(tx *gorm.DB) error {
	const cols = `tid, id, parent, created, modified, mode, remote_addr, text,
		author, email, website, likes, dislikes, voters, notification`
	stmts := []string{
		"UPDATE comments SET text = '' WHERE text IS NULL",
		// Not in Isso: a leftover from an Isso crashed mid-rebuild (Python
		// commits DDL eagerly) would otherwise block the rebuild for good.
		"DROP TABLE IF EXISTS comments_new",
		`CREATE TABLE comments_new (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0)`,
		"INSERT INTO comments_new (" + cols + ") SELECT " + cols + " FROM comments",
		"ALTER TABLE comments RENAME TO comments_backup_v4",
		"ALTER TABLE comments_new RENAME TO comments",
		"DROP TABLE comments_backup_v4",
	}
	for _, stmt := range stmts {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
