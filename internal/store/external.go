package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// ddlChanges is PostgreSQL's change counter: every write batch of every
// process adds one to it as its last statement (so the row lock is held
// only for the commit). SQLite needs none: its data_version does the job.
var ddlChanges = []string{
	`CREATE TABLE IF NOT EXISTS natter_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)`,
	`INSERT INTO natter_changes (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`,
}

// ExternalVersion returns a number that changes when another process
// writes. On SQLite it is data_version as seen by the writer connection:
// it changes only when another connection commits, and every write of
// this process goes through the writer. On PostgreSQL it is the change
// counter minus this process's own bumps; a read racing with an own
// commit may report one change too many, which costs one cache refill.
func (s *Store) ExternalVersion(ctx context.Context) (int64, error) {
	var v int64
	if s.d == postgresDialect {
		if err := s.reader.WithContext(ctx).Raw("SELECT version FROM natter_changes WHERE id = 1").Scan(&v).Error; err != nil {
			return 0, fmt.Errorf("store: change counter: %w", err)
		}
		return v - s.ownChanges.Load(), nil
	}
	if err := s.writer.WithContext(ctx).Raw("PRAGMA data_version").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("store: data_version: %w", err)
	}
	return v, nil
}

// countChange bumps the change counter in a batch that wrote something.
func (s *Store) countChange(tx *gorm.DB, results []error) (bool, error) {
	if !s.counting.Load() {
		return false, nil
	}
	for _, err := range results {
		if err == nil {
			return true, tx.Exec("UPDATE natter_changes SET version = version + 1 WHERE id = 1").Error
		}
	}
	return false, nil
}
