package store

import (
	"context"
	"fmt"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/models"
)

func (q adminQueries) AdminComment(ctx context.Context, id int64) (comment.AdminRow, error) {
	var rows []adminRow
	err := q.db.WithContext(ctx).Raw(`SELECT `+commentCols+`, 0 AS trash_id, 0 AS deleted_at, th.uri AS thread_uri,
		coalesce(th.title, '') AS thread_title FROM comments c JOIN threads th ON th.id = c.tid WHERE c.id = ?`, id).
		Scan(&rows).Error
	if err != nil {
		return comment.AdminRow{}, fmt.Errorf("store: admin comment: %w", err)
	}
	if len(rows) == 0 {
		return comment.AdminRow{}, fmt.Errorf("store: admin comment %d: %w", id, comment.ErrNotFound)
	}
	return rows[0].out(), nil
}

func (q adminQueries) TrashInsert(ctx context.Context, c models.Comment, uri, title string, deletedAt float64) (int64, error) {
	var id int64
	err := q.db.WithContext(ctx).Raw(`INSERT INTO natter_trash (comment_id, tid, parent, created, modified, mode,
		remote_addr, text, author, email, website, likes, dislikes, voters, notification, thread_uri, thread_title,
		deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.ID, c.TID, c.Parent, c.Created, c.Modified, c.Mode, c.RemoteAddr, c.Text, c.Author, c.Email, c.Website,
		c.Likes, c.Dislikes, c.Voters, c.Notification, uri, title, deletedAt).Row().Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: trash comment %d: %w", c.ID, err)
	}
	return id, nil
}

func (q adminQueries) TrashGet(ctx context.Context, id int64) (comment.AdminRow, error) {
	var rows []adminRow
	err := q.db.WithContext(ctx).Raw(`SELECT t.tid, t.comment_id AS id, t.parent, t.created, t.modified, t.mode,
		t.remote_addr, t.text, t.author, t.email, t.website, t.likes, t.dislikes, t.voters, t.notification,
		t.id AS trash_id, t.deleted_at, t.thread_uri, t.thread_title FROM natter_trash t WHERE t.id = ?`, id).
		Scan(&rows).Error
	if err != nil {
		return comment.AdminRow{}, fmt.Errorf("store: trash %d: %w", id, err)
	}
	if len(rows) == 0 {
		return comment.AdminRow{}, fmt.Errorf("store: trash %d: %w", id, comment.ErrNotFound)
	}
	r := rows[0]
	if r.Voters == nil {
		r.Voters = []byte{}
	}
	return r.out(), nil
}

func (q adminQueries) TrashDelete(ctx context.Context, id int64) error {
	if err := q.db.WithContext(ctx).Exec("DELETE FROM natter_trash WHERE id = ?", id).Error; err != nil {
		return fmt.Errorf("store: empty trash %d: %w", id, err)
	}
	return nil
}

// threadSummaryCols count by mode with CASE: SQLite sums booleans as
// integers, PostgreSQL has no sum(boolean).
const threadSummaryCols = `th.id, th.uri, coalesce(th.title, '') AS title,
	coalesce(sum(CASE WHEN c.mode = 1 THEN 1 ELSE 0 END), 0) AS published,
	coalesce(sum(CASE WHEN c.mode = 2 THEN 1 ELSE 0 END), 0) AS pending,
	coalesce(sum(CASE WHEN c.mode = 4 THEN 1 ELSE 0 END), 0) AS deleted, coalesce(max(c.created), 0) AS latest`

type threadRow struct {
	ID        int64
	URI       string
	Title     string
	Published int
	Pending   int
	Deleted   int
	Latest    float64
	Recent    int
}

func (r threadRow) out() comment.ThreadSummary {
	return comment.ThreadSummary{ID: r.ID, URI: r.URI, Title: r.Title, Published: r.Published,
		Pending: r.Pending, Deleted: r.Deleted, Latest: r.Latest, Recent: r.Recent}
}

func threadsOut(rows []threadRow) []comment.ThreadSummary {
	out := make([]comment.ThreadSummary, len(rows))
	for i, r := range rows {
		out[i] = r.out()
	}
	return out
}

func (q adminQueries) Threads(ctx context.Context, tq comment.ThreadQuery) ([]comment.ThreadSummary, int, error) {
	where, args := "1 = 1", []any{}
	if tq.Search != "" {
		p := "%" + likeEscape.Replace(tq.Search) + "%"
		where, args = "("+q.d.foldLike("th.uri")+" OR "+q.d.foldLike("th.title")+")", []any{p, p}
	}
	db := q.db.WithContext(ctx)
	var total int
	if err := db.Raw("SELECT count(*) FROM threads th WHERE "+where, args...).Scan(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count threads: %w", err)
	}
	var rows []threadRow
	err := db.Raw(`SELECT `+threadSummaryCols+` FROM threads th LEFT JOIN comments c ON c.tid = th.id
		WHERE `+where+` GROUP BY th.id ORDER BY latest DESC, th.id DESC LIMIT ? OFFSET ?`,
		append(args, tq.Limit, tq.Offset)...).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("store: threads: %w", err)
	}
	return threadsOut(rows), total, nil
}

func (q adminQueries) ThreadSummary(ctx context.Context, id int64) (comment.ThreadSummary, error) {
	var rows []threadRow
	err := q.db.WithContext(ctx).Raw(`SELECT `+threadSummaryCols+` FROM threads th LEFT JOIN comments c
		ON c.tid = th.id WHERE th.id = ? GROUP BY th.id`, id).Scan(&rows).Error
	if err != nil {
		return comment.ThreadSummary{}, fmt.Errorf("store: thread %d: %w", id, err)
	}
	if len(rows) == 0 {
		return comment.ThreadSummary{}, fmt.Errorf("store: thread %d: %w", id, comment.ErrNotFound)
	}
	return rows[0].out(), nil
}

func (q adminQueries) UpdateThread(ctx context.Context, id int64, uri, title string) error {
	res := q.db.WithContext(ctx).Exec("UPDATE threads SET uri = ?, title = ? WHERE id = ?", uri, title, id)
	if res.Error != nil {
		return fmt.Errorf("store: update thread %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: update thread %d: %w", id, comment.ErrNotFound)
	}
	return nil
}

func (q adminQueries) DailyCounts(ctx context.Context, since float64, days int) ([]int, error) {
	rows, err := q.db.WithContext(ctx).Raw(`SELECT `+q.d.truncInt("(created - ?) / 86400")+` AS d, count(*)
		FROM comments WHERE created >= ? GROUP BY d`, since, since).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: daily counts: %w", err)
	}
	defer rows.Close()
	out := make([]int, days)
	for rows.Next() {
		var d, n int
		if err := rows.Scan(&d, &n); err != nil {
			return nil, fmt.Errorf("store: daily counts: %w", err)
		}
		if d >= 0 && d < days {
			out[d] = n
		}
	}
	return out, rows.Err()
}

func (q adminQueries) ActiveThreads(ctx context.Context, since float64, limit int) ([]comment.ThreadSummary, error) {
	var rows []threadRow
	err := q.db.WithContext(ctx).Raw(`SELECT th.id, th.uri, coalesce(th.title, '') AS title, count(*) AS recent,
		max(c.created) AS latest FROM comments c JOIN threads th ON th.id = c.tid WHERE c.created >= ?
		GROUP BY th.id ORDER BY recent DESC, latest DESC LIMIT ?`, since, limit).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: active threads: %w", err)
	}
	return threadsOut(rows), nil
}
