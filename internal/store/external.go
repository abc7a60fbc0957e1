package store

import (
	"context"
	"fmt"
)

// ExternalVersion returns SQLite's data_version as seen by the writer
// connection. It changes only when another connection commits, and every
// write of this process goes through the writer, so a change means another
// process (natter import, Isso) wrote to the file.
func (s *Store) ExternalVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.writer.WithContext(ctx).Raw("PRAGMA data_version").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("store: data_version: %w", err)
	}
	return v, nil
}
