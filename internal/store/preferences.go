package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/natter/natter/models"
	"gorm.io/gorm"
)

// PrefSessionKey is the preference holding Isso's signing secret.
const PrefSessionKey = "session-key"

// Preference returns the value stored under key, or ErrNotFound. A NULL
// value counts as absent, as in Isso.
func (s *Store) Preference(ctx context.Context, key string) (string, error) {
	var p models.Preference
	err := s.reader.WithContext(ctx).Where("key = ?", key).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && p.Value == nil) {
		return "", fmt.Errorf("store: preference %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: preference %q: %w", key, err)
	}
	return *p.Value, nil
}

// SetPreference stores value under key, replacing any previous value.
func (s *Store) SetPreference(ctx context.Context, key, value string) error {
	err := s.Write(ctx, func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO preferences (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value).Error
	})
	if err != nil {
		return fmt.Errorf("store: set preference %q: %w", key, err)
	}
	return nil
}
