package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/models"
)

// Admin adapts the store to the admin use cases' AdminStore interface.
type Admin struct{ s *Store }

// Admin returns the admin panel's view of the store.
func (s *Store) Admin() Admin { return Admin{s: s} }

// ReadAdmin returns admin queries on the reader pool.
func (a Admin) ReadAdmin() comment.AdminQueries {
	return adminQueries{queries{db: a.s.reader, d: a.s.d}}
}

// WriteAdmin runs fn in one write transaction.
func (a Admin) WriteAdmin(ctx context.Context, fn func(q comment.AdminQueries) error) error {
	return a.s.Write(ctx, func(tx *gorm.DB) error { return fn(adminQueries{queries{db: tx, d: a.s.d, write: true}}) })
}

// AdminSecret is the secret admin sessions are signed with: Isso's
// session-key preference, which every installation has and keeps.
func (s *Store) AdminSecret(ctx context.Context) ([]byte, error) {
	k, err := s.Preference(ctx, PrefSessionKey)
	return []byte(k), err
}

type adminQueries struct{ queries }

// adminRow is the scan target of the queue queries.
type adminRow struct {
	models.Comment
	TrashID     int64   `gorm:"column:trash_id"`
	DeletedAt   float64 `gorm:"column:deleted_at"`
	ThreadURI   string  `gorm:"column:thread_uri"`
	ThreadTitle string  `gorm:"column:thread_title"`
}

func (r adminRow) out() comment.AdminRow {
	return comment.AdminRow{Comment: r.Comment, TrashID: r.TrashID, DeletedAt: r.DeletedAt,
		ThreadURI: r.ThreadURI, ThreadTitle: r.ThreadTitle}
}

const commentCols = `c.tid, c.id, c.parent, c.created, c.modified, c.mode, c.remote_addr, c.text,
	c.author, c.email, c.website, c.likes, c.dislikes, c.notification`

// queueSource is the derived table x a queue is read from, with uniform
// columns: sk (sort key) and rk (unique tie-breaker) drive the keyset.
// Live queues read comments of one mode; the deleted queue reads the
// trash plus placeholders whose content Natter never had.
// Counting passes withThread false: the join with threads only feeds the
// displayed columns and would cost a lookup per row.
func queueSource(f comment.Filter, o comment.Order, withThread ...bool) (string, []any) {
	join := len(withThread) == 0 || withThread[0]
	mode := "c.mode"
	if f.IPPrefix != "" {
		// Unary plus keeps the planner off the (mode, ...) indexes, which
		// it prefers by default and which would walk the whole state: the
		// range on remote_addr is far narrower for any real prefix.
		mode = "+c.mode"
	}
	live := func(where string) string {
		where = mode + where
		sk := "c.created"
		if o == comment.OrderLikes {
			sk = "c.likes"
		}
		if !join {
			return `SELECT ` + commentCols + `, 0 AS trash_id, 0 AS deleted_at, '' AS thread_uri,
			'' AS thread_title, ` + sk + ` AS sk, c.id AS rk FROM comments c WHERE ` + where
		}
		return `SELECT ` + commentCols + `, 0 AS trash_id, 0 AS deleted_at, th.uri AS thread_uri,
			coalesce(th.title, '') AS thread_title, ` + sk + ` AS sk, c.id AS rk
			FROM comments c JOIN threads th ON th.id = c.tid WHERE ` + where
	}
	switch f.State {
	case comment.StateApproved:
		return "(" + live(" = 1") + ")", nil
	case comment.StateDeleted:
		sk := "t.deleted_at"
		if o == comment.OrderLikes {
			sk = "t.likes"
		}
		return "(" + live(` = 4 AND NOT EXISTS (SELECT 1 FROM natter_trash t WHERE t.comment_id = c.id)`) +
			` UNION ALL SELECT t.tid, t.comment_id, t.parent, t.created, t.modified, t.mode, t.remote_addr,
			t.text, t.author, t.email, t.website, t.likes, t.dislikes, t.notification, t.id, t.deleted_at,
			t.thread_uri, t.thread_title, ` + sk + `, -t.id FROM natter_trash t)`, nil
	}
	return "(" + live(" = 2") + ")", nil
}

// likeEscape quotes LIKE wildcards; patterns use ESCAPE '\'.
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func filterSQL(d dialect, f comment.Filter) (string, []any) {
	var conds []string
	var args []any
	author, email, search := f.Escaped()
	if f.ThreadID != 0 {
		conds, args = append(conds, "x.tid = ?"), append(args, f.ThreadID)
	}
	if f.Author != "" {
		conds, args = append(conds, d.foldEqual("x.author")), append(args, author)
	}
	if f.Email != "" {
		conds, args = append(conds, d.foldEqual("x.email")), append(args, email)
	}
	if f.IPPrefix != "" {
		// A range rather than LIKE, so the remote_addr index applies.
		conds, args = append(conds, "x.remote_addr >= ? AND x.remote_addr < ?"), append(args, f.IPPrefix, f.IPPrefix+"\U0010FFFF")
	}
	if f.From != 0 {
		conds, args = append(conds, "x.created >= ?"), append(args, f.From)
	}
	if f.To != 0 {
		conds, args = append(conds, "x.created < ?"), append(args, f.To)
	}
	if f.Search != "" {
		raw := "%" + likeEscape.Replace(f.Search) + "%"
		esc := "%" + likeEscape.Replace(search) + "%"
		conds = append(conds, "("+d.foldLike("x.text")+" OR "+d.foldLike("x.author")+" OR "+d.foldLike("x.email")+")")
		args = append(args, raw, esc, esc)
	}
	if len(conds) == 0 {
		return "1 = 1", nil
	}
	return strings.Join(conds, " AND "), args
}

func (q adminQueries) AdminList(ctx context.Context, f comment.Filter, o comment.Order, after *comment.Cursor, limit int) ([]comment.AdminRow, error) {
	src, args := queueSource(f, o)
	where, wargs := filterSQL(q.d, f)
	args = append(args, wargs...)
	dir, cmp := "DESC", "<"
	if o == comment.OrderOldest {
		dir, cmp = "ASC", ">"
	}
	if after != nil {
		where += " AND (x.sk " + cmp + " ? OR (x.sk = ? AND x.rk " + cmp + " ?))"
		args = append(args, after.Value, after.Value, after.ID)
	}
	sql := "SELECT * FROM " + src + " x WHERE " + where + " ORDER BY x.sk " + dir + ", x.rk " + dir + " LIMIT ?"
	args = append(args, limit)
	var rows []adminRow
	if err := q.db.WithContext(ctx).Raw(sql, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: admin list: %w", err)
	}
	out := make([]comment.AdminRow, len(rows))
	for i, r := range rows {
		out[i] = r.out()
	}
	return out, nil
}
