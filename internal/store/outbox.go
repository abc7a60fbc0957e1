package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// Outbox states. A row is queued (or retrying) until the worker claims it
// (sending), then sent or, after a failure, retrying until it is given up
// (failed).
const (
	OutboxQueued   = "queued"
	OutboxSending  = "sending"
	OutboxRetrying = "retrying"
	OutboxSent     = "sent"
	OutboxFailed   = "failed"
)

// OutboxRow is one message to one channel (see ddlOutbox).
type OutboxRow struct {
	ID        int64    `gorm:"column:id"`
	Channel   string   `gorm:"column:channel"`
	Kind      string   `gorm:"column:kind"`
	CommentID int64    `gorm:"column:comment_id"`
	Recipient string   `gorm:"column:recipient"`
	Payload   string   `gorm:"column:payload"`
	State     string   `gorm:"column:state"`
	Attempts  int      `gorm:"column:attempts"`
	Created   float64  `gorm:"column:created"`
	Queued    float64  `gorm:"column:queued"`
	NextAt    float64  `gorm:"column:next_at"`
	Updated   float64  `gorm:"column:updated"`
	SentAt    *float64 `gorm:"column:sent_at"`
	Answer    string   `gorm:"column:answer"`
}

// TableName is the outbox table.
func (OutboxRow) TableName() string { return "natter_outbox" }

// InsertOutbox queues rows inside the caller's write transaction (the
// comment service's). Created, Queued, NextAt and Updated are taken from
// Created; the state is queued.
func (q queries) InsertOutbox(ctx context.Context, rows []OutboxRow) error {
	return insertOutbox(q.db.WithContext(ctx), rows)
}

func insertOutbox(db *gorm.DB, rows []OutboxRow) error {
	for i := range rows {
		r := &rows[i]
		r.ID, r.State, r.Attempts, r.SentAt, r.Answer = 0, OutboxQueued, 0, nil, ""
		r.Queued, r.NextAt, r.Updated = r.Created, r.Created, r.Created
		if err := db.Create(r).Error; err != nil {
			return fmt.Errorf("store: insert outbox row: %w", err)
		}
	}
	return nil
}

// Outbox is the notification worker's and the admin panel's view of the
// outbox table.
type Outbox struct{ s *Store }

// Outbox returns the outbox queries.
func (s *Store) Outbox() Outbox { return Outbox{s: s} }

// Enqueue queues rows in a write of their own (test messages, which no
// comment change causes).
func (o Outbox) Enqueue(ctx context.Context, rows []OutboxRow) ([]int64, error) {
	err := o.s.Write(ctx, func(tx *gorm.DB) error { return insertOutbox(tx, rows) })
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids, err
}

// Claim marks up to limit due rows as sending, counts the attempt and
// returns them, oldest first.
func (o Outbox) Claim(ctx context.Context, now float64, limit int) ([]OutboxRow, error) {
	var rows []OutboxRow
	err := o.s.Write(ctx, func(tx *gorm.DB) error {
		rows = rows[:0]
		return tx.Raw(`UPDATE natter_outbox SET state = ?, attempts = attempts + 1, updated = ?
WHERE id IN (SELECT id FROM natter_outbox WHERE state IN (?, ?) AND next_at <= ? ORDER BY next_at, id LIMIT ?`+
			o.s.d.skipLocked()+`)
RETURNING *`, OutboxSending, now, OutboxQueued, OutboxRetrying, now, limit).Scan(&rows).Error
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim outbox rows: %w", err)
	}
	sortByID(rows)
	return rows, nil
}

// Settle records the outcome of a claimed row: its new state, the remote's
// answer and, for retries, when to try again.
func (o Outbox) Settle(ctx context.Context, id int64, state, answer string, now, nextAt float64) error {
	fields := map[string]any{"state": state, "answer": answer, "updated": now, "next_at": nextAt}
	if state == OutboxSent {
		fields["sent_at"] = now
	}
	err := o.s.Write(ctx, func(tx *gorm.DB) error {
		return tx.Model(&OutboxRow{}).Where("id = ? AND state = ?", id, OutboxSending).Updates(fields).Error
	})
	if err != nil {
		return fmt.Errorf("store: settle outbox row %d: %w", id, err)
	}
	return nil
}

// Recover puts rows claimed before the given time and still sending back
// in the queue, except those listed as in flight: their sender died (or
// could not record the outcome). A message may then be delivered twice
// (the process may have died after the remote accepted it): at-least-once
// is the price of losing nothing.
func (o Outbox) Recover(ctx context.Context, before float64, inFlight []int64) (int64, error) {
	var n int64
	err := o.s.Write(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&OutboxRow{}).Where("state = ? AND updated < ?", OutboxSending, before)
		if len(inFlight) > 0 {
			q = q.Where("id NOT IN ?", inFlight)
		}
		res := q.Update("state", OutboxRetrying)
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, fmt.Errorf("store: recover outbox rows: %w", err)
	}
	return n, nil
}

// Requeue queues a row again now, whatever its state, unless it is being
// sent; it reports whether the row was requeued.
func (o Outbox) Requeue(ctx context.Context, id int64, now float64) (bool, error) {
	var n int64
	err := o.s.Write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&OutboxRow{}).Where("id = ? AND state <> ?", id, OutboxSending).
			Updates(map[string]any{"state": OutboxQueued, "queued": now, "next_at": now, "updated": now})
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return false, fmt.Errorf("store: requeue outbox row %d: %w", id, err)
	}
	return n > 0, nil
}
