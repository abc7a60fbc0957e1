package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ddlAdminSessions records the admin panel's live sessions. A signed
// token alone cannot be taken back; its row can: logging out deletes it,
// "log out everywhere" deletes them all, and a restart changes nothing.
// Times are float UNIX seconds like Isso's.
const ddlAdminSessions = `CREATE TABLE IF NOT EXISTS natter_admin_sessions (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    expires REAL NOT NULL)`

// AdminSessions is the admin panel's session table.
type AdminSessions struct{ s *Store }

// AdminSessions returns the admin session records.
func (s *Store) AdminSessions() AdminSessions { return AdminSessions{s: s} }

// CreateSession records a new session and drops expired ones.
func (a AdminSessions) CreateSession(ctx context.Context, id string, now, expires time.Time) error {
	err := a.s.Write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM natter_admin_sessions WHERE expires <= ?", unixSeconds(now)).Error; err != nil {
			return err
		}
		return tx.Exec("INSERT INTO natter_admin_sessions (id, created, expires) VALUES (?, ?, ?)",
			id, unixSeconds(now), unixSeconds(expires)).Error
	})
	if err != nil {
		return fmt.Errorf("store: create admin session: %w", err)
	}
	return nil
}

// SessionActive reports whether the session is recorded and unexpired.
func (a AdminSessions) SessionActive(ctx context.Context, id string, now time.Time) (bool, error) {
	var n int64
	err := a.s.reader.WithContext(ctx).Raw("SELECT count(*) FROM natter_admin_sessions WHERE id = ? AND expires > ?",
		id, unixSeconds(now)).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: admin session: %w", err)
	}
	return n > 0, nil
}

// RevokeSession deletes one session (logout).
func (a AdminSessions) RevokeSession(ctx context.Context, id string) error {
	err := a.s.Write(ctx, func(tx *gorm.DB) error {
		return tx.Exec("DELETE FROM natter_admin_sessions WHERE id = ?", id).Error
	})
	if err != nil {
		return fmt.Errorf("store: revoke admin session: %w", err)
	}
	return nil
}

// RevokeAllSessions deletes every session (log out everywhere).
func (a AdminSessions) RevokeAllSessions(ctx context.Context) error {
	err := a.s.Write(ctx, func(tx *gorm.DB) error {
		return tx.Exec("DELETE FROM natter_admin_sessions").Error
	})
	if err != nil {
		return fmt.Errorf("store: revoke admin sessions: %w", err)
	}
	return nil
}
