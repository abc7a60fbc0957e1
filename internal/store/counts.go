package store

import (
	"context"
	"fmt"

	"github.com/natter/natter/models"
)

// PublishedCounts counts the published comments of each thread in uris
// in one query (threads without any are absent from the map).
func (q queries) PublishedCounts(ctx context.Context, uris []string) (map[string]int, error) {
	var keep []string
	for _, u := range uris {
		if q.d.storable(u) {
			keep = append(keep, u)
		}
	}
	out := make(map[string]int, len(keep))
	if len(keep) == 0 {
		return out, nil
	}
	var rows []struct {
		URI string
		N   int
	}
	err := q.db.WithContext(ctx).Table("comments").
		Select("threads.uri AS uri, count(*) AS n").
		Joins("JOIN threads ON threads.id = comments.tid").
		Where("threads.uri IN ? AND comments.mode = ?", keep, models.ModePublished).
		Group("threads.uri").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: published counts: %w", err)
	}
	for _, r := range rows {
		out[r.URI] = r.N
	}
	return out, nil
}
