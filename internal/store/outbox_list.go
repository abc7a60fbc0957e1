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

// Prune deletes sent and failed rows last updated before the given time
// and reports how many went.
func (o Outbox) Prune(ctx context.Context, before float64) (int64, error) {
	var n int64
	err := o.s.Write(ctx, func(tx *gorm.DB) error {
		res := tx.Where("state IN (?, ?) AND updated < ?", OutboxSent, OutboxFailed, before).Delete(&OutboxRow{})
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, fmt.Errorf("store: prune outbox: %w", err)
	}
	return n, nil
}

// Recent returns the states of a channel's last n rows, newest first,
// ignoring test messages.
func (o Outbox) Recent(ctx context.Context, channel string, n int) ([]string, error) {
	var states []string
	err := o.s.reader.WithContext(ctx).Model(&OutboxRow{}).Where("channel = ? AND kind <> ?", channel, "test").
		Order("id DESC").Limit(n).Pluck("state", &states).Error
	if err != nil {
		return nil, fmt.Errorf("store: recent outbox states: %w", err)
	}
	return states, nil
}
