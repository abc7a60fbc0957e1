package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// ddlChanges is PostgreSQL's change counter: one row per writer loop of
// every process (a random name each time a store opens), which its write
// batches bump as their last statement. Rows of their own keep the loops
// and processes from queueing for one row lock at every commit; the sum
// is the version. Rows of stopped processes stay: a few bytes each, and
// the sum stays right. SQLite needs none: its data_version does the job.
var ddlChanges = []string{
	`CREATE TABLE IF NOT EXISTS natter_changes (
    writer TEXT PRIMARY KEY, version BIGINT NOT NULL)`,
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
		if err := s.reader.WithContext(ctx).Raw("SELECT coalesce(sum(version), 0) FROM natter_changes").Scan(&v).Error; err != nil {
			return 0, fmt.Errorf("store: change counter: %w", err)
		}
		return v - s.ownChanges.Load(), nil
	}
	if err := s.writer.WithContext(ctx).Raw("PRAGMA data_version").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("store: data_version: %w", err)
	}
	return v, nil
}

// countChange bumps the writer's change counter in a batch that wrote
// something.
func (s *Store) countChange(tx *gorm.DB, results []error, writer string) (bool, error) {
	if !s.counting.Load() || !slices.Contains(results, nil) {
		return false, nil
	}
	return true, tx.Exec(`INSERT INTO natter_changes (writer, version) VALUES (?, 1)
		ON CONFLICT (writer) DO UPDATE SET version = natter_changes.version + 1`, writer).Error
}

// writerName names a new writer loop for the change counter.
func (s *Store) writerName() string {
	return fmt.Sprintf("%s-%d", s.instance, s.loops.Add(1))
}

// newInstance is a random name for an open store.
func newInstance() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
