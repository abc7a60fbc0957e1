package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// OutboxFilter narrows an outbox listing; zero fields match everything.
type OutboxFilter struct {
	Channel string
	State   string
	Before  int64 // only rows with a smaller id (paging, newest first)
	Limit   int   // at most this many rows; 0 means 50
}

// List returns outbox rows, newest first.
func (o Outbox) List(ctx context.Context, f OutboxFilter) ([]OutboxRow, error) {
	db := o.s.reader.WithContext(ctx).Model(&OutboxRow{})
	if f.Channel != "" {
		db = db.Where("channel = ?", f.Channel)
	}
	if f.State != "" {
		db = db.Where("state = ?", f.State)
	}
	if f.Before > 0 {
		db = db.Where("id < ?", f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var rows []OutboxRow
	if err := db.Order("id DESC").Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list outbox: %w", err)
	}
	return rows, nil
}

// Get returns one outbox row.
func (o Outbox) Get(ctx context.Context, id int64) (OutboxRow, error) {
	var r OutboxRow
	err := o.s.reader.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, fmt.Errorf("store: outbox row %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: outbox row %d: %w", id, err)
	}
	return r, nil
}

func sortByID(rows []OutboxRow) {
	slices.SortFunc(rows, func(a, b OutboxRow) int { return int(a.ID - b.ID) })
}
