package store

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Activity is how many comments the site holds and when the last one was
// written (zero when there is none), for the hoster's sites panel.
func (s *Store) Activity(ctx context.Context) (int64, time.Time, error) {
	var row struct {
		N    int64   `gorm:"column:n"`
		Last float64 `gorm:"column:last"`
	}
	err := s.reader.WithContext(ctx).Raw("SELECT COUNT(*) AS n, COALESCE(MAX(created), 0) AS last FROM comments").Scan(&row).Error
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: activity: %w", err)
	}
	if row.Last == 0 {
		return row.N, time.Time{}, nil
	}
	sec, frac := math.Modf(row.Last)
	return row.N, time.Unix(int64(sec), int64(frac*1e9)), nil
}
