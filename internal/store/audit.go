package store

import (
	"context"
	"fmt"
)

// ddlAudit records moderation actions taken through signed links (who:
// the link; when; from which anonymised address), in the transaction of
// the action itself. No foreign keys, as for the other natter_* tables.
var ddlAudit = []string{
	`CREATE TABLE IF NOT EXISTS natter_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    action TEXT NOT NULL,
    comment_id INTEGER NOT NULL,
    via TEXT NOT NULL,
    addr TEXT NOT NULL DEFAULT '')`,
	`CREATE INDEX IF NOT EXISTS natter_audit_at ON natter_audit (at)`,
}

// AuditRow is one recorded action.
type AuditRow struct {
	ID        int64   `gorm:"column:id"`
	At        float64 `gorm:"column:at"`
	Action    string  `gorm:"column:action"`
	CommentID int64   `gorm:"column:comment_id"`
	Via       string  `gorm:"column:via"`
	Addr      string  `gorm:"column:addr"`
}

// TableName is the audit table.
func (AuditRow) TableName() string { return "natter_audit" }

// InsertAudit records an action inside the caller's write transaction.
func (q queries) InsertAudit(ctx context.Context, r AuditRow) error {
	r.ID = 0
	if err := q.db.WithContext(ctx).Create(&r).Error; err != nil {
		return fmt.Errorf("store: insert audit row: %w", err)
	}
	return nil
}

// Audit lists the last limit recorded actions, newest first.
func (o Outbox) Audit(ctx context.Context, limit int) ([]AuditRow, error) {
	var rows []AuditRow
	if err := o.s.reader.WithContext(ctx).Order("id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list audit: %w", err)
	}
	return rows, nil
}
