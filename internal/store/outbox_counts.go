package store

import (
	"context"
	"fmt"
)

// CountByState counts the outbox's rows by delivery state (for metrics).
func (o Outbox) CountByState(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		State string
		N     int
	}
	err := o.s.reader.WithContext(ctx).Model(&OutboxRow{}).Select("state, count(*) AS n").Group("state").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: count outbox: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.State] = r.N
	}
	return out, nil
}
