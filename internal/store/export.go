package store

import (
	"context"
	"fmt"

	"github.com/natter/natter/models"
)

// ExportRow is a comment with its thread, as exports list them.
type ExportRow struct {
	models.Comment
	URI   string `gorm:"column:uri"`
	Title string `gorm:"column:title"`
}

// EachComment calls fn for every comment, by thread id and then comment
// id, reading row by row from one read transaction, so the export is a
// consistent snapshot even while the server writes.
func (s *Store) EachComment(ctx context.Context, fn func(r ExportRow) error) error {
	rows, err := s.reader.WithContext(ctx).Raw(`SELECT c.*, t.uri, coalesce(t.title, '') AS title
		FROM comments c JOIN threads t ON t.id = c.tid ORDER BY c.tid, c.id`).Rows()
	if err != nil {
		return fmt.Errorf("store: export: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r ExportRow
		if err := s.reader.ScanRows(rows, &r); err != nil {
			return fmt.Errorf("store: export: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export: %w", err)
	}
	return nil
}

// CommentIDs lists every comment id in export order (thread, then id).
func (s *Store) CommentIDs(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.reader.WithContext(ctx).Raw("SELECT c.id FROM comments c JOIN threads t ON t.id = c.tid ORDER BY c.tid, c.id").
		Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: comment ids: %w", err)
	}
	return ids, nil
}
