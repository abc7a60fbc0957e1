package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// RenderKey returns the natter_rendered.renderer value for text rendered
// by renderer (a name and version, e.g. "goldmark/1"). It includes a digest
// of the text because Isso edits comments in place and reuses the ids of
// deleted ones, neither of which touches Natter's cache.
func RenderKey(renderer, text string) string {
	sum := sha256.Sum256([]byte(text))
	return renderer + ":" + hex.EncodeToString(sum[:16])
}

// Rendered returns the cached HTML of a comment for key, or ErrNotFound if
// there is none or it was rendered under another key.
func (s *Store) Rendered(ctx context.Context, commentID int64, key string) (string, error) {
	var html string
	err := s.reader.WithContext(ctx).
		Raw("SELECT html FROM natter_rendered WHERE comment_id = ? AND renderer = ?", commentID, key).
		Row().Scan(&html)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: rendered comment %d: %w", commentID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: rendered comment %d: %w", commentID, err)
	}
	return html, nil
}

// SetRendered caches html for a comment under key, replacing older entries.
func (s *Store) SetRendered(ctx context.Context, commentID int64, key, html string) error {
	err := s.Write(ctx, func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO natter_rendered (comment_id, renderer, html) VALUES (?, ?, ?)
			ON CONFLICT (comment_id) DO UPDATE SET renderer = excluded.renderer, html = excluded.html`,
			commentID, key, html).Error
	})
	if err != nil {
		return fmt.Errorf("store: cache rendered comment %d: %w", commentID, err)
	}
	return nil
}
