package store

// A thread's comments are read with the values Natter derives from them
// and stores beside them (natter_rendered, natter_identity), and those
// values are written back here.

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/natter/natter/internal/comment"
)

// ThreadRows scans without GORM's reflection: a thread load is the
// costliest read a cold cache makes, and GORM's scan was a third of it.
func (q queries) ThreadRows(ctx context.Context, tid int64) ([]comment.StoredComment, error) {
	rows, err := q.db.WithContext(ctx).Raw(`SELECT c.tid, c.id, c.parent, c.created, c.modified, c.mode,
		c.remote_addr, c.text, c.author, c.email, c.website, c.likes, c.dislikes, c.voters, c.notification,
		r.renderer, r.html, i.hasher, i.hash FROM comments c
		LEFT JOIN natter_rendered r ON r.comment_id = c.id
		LEFT JOIN natter_identity i ON i.comment_id = c.id
		WHERE c.tid = ? ORDER BY c.id`, tid).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: thread rows: %w", err)
	}
	defer rows.Close()
	var out []comment.StoredComment
	for rows.Next() {
		sc, err := scanStored(rows)
		if err != nil {
			return nil, fmt.Errorf("store: thread rows: %w", err)
		}
		out = append(out, sc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: thread rows: %w", err)
	}
	return out, nil
}

// scanStored reads one ThreadRows row. Isso's columns are nullable where
// its schema has defaults (NULL reads as the zero value, as GORM does).
func scanStored(rows *sql.Rows) (comment.StoredComment, error) {
	var sc comment.StoredComment
	c := &sc.Comment
	var parent, mode, likes, dislikes, notification sql.NullInt64
	var modified sql.NullFloat64
	var addr, author, email, website, rk, rh, ik, ih sql.NullString
	err := rows.Scan(&c.TID, &c.ID, &parent, &c.Created, &modified, &mode, &addr, &c.Text, &author, &email,
		&website, &likes, &dislikes, &c.Voters, &notification, &rk, &rh, &ik, &ih)
	if err != nil {
		return sc, err
	}
	c.Parent, c.Modified = nullInt64(parent), nullFloat(modified)
	c.Mode, c.Likes, c.Dislikes = int(mode.Int64), int(likes.Int64), int(dislikes.Int64)
	c.RemoteAddr, c.Author, c.Email, c.Website = addr.String, nullString(author), nullString(email), nullString(website)
	if notification.Valid {
		n := int(notification.Int64)
		c.Notification = &n
	}
	sc.Rendered = comment.Rendered{CommentID: c.ID, Key: rk.String, HTML: rh.String}
	sc.Identity = comment.Identity{CommentID: c.ID, Key: ik.String, Hash: ih.String}
	return sc, nil
}

func nullInt64(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

func nullFloat(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

func nullString(n sql.NullString) *string {
	if !n.Valid {
		return nil
	}
	return &n.String
}

func (q queries) SaveRendered(ctx context.Context, rows []comment.Rendered) error {
	return q.saveDerived(ctx, "natter_rendered", "renderer", "html", len(rows), func(i int) (int64, string, string) {
		return rows[i].CommentID, rows[i].Key, rows[i].HTML
	})
}

func (q queries) SaveIdentities(ctx context.Context, rows []comment.Identity) error {
	return q.saveDerived(ctx, "natter_identity", "hasher", "hash", len(rows), func(i int) (int64, string, string) {
		return rows[i].CommentID, rows[i].Key, rows[i].Hash
	})
}

// saveDerived stores n values derived from comments in table, each under
// the key it was made with (keyCol), replacing older ones. The table and
// column names are the constants above, never input.
func (q queries) saveDerived(ctx context.Context, table, keyCol, valCol string, n int, row func(int) (int64, string, string)) error {
	stmt := fmt.Sprintf(`INSERT INTO %s (comment_id, %s, %s) VALUES (?, ?, ?)
		ON CONFLICT (comment_id) DO UPDATE SET %[2]s = excluded.%[2]s, %[3]s = excluded.%[3]s`, table, keyCol, valCol)
	for i := range n {
		id, key, val := row(i)
		if err := q.db.WithContext(ctx).Exec(stmt, id, key, val).Error; err != nil {
			return fmt.Errorf("store: save %s of %d: %w", table, id, err)
		}
	}
	return nil
}
