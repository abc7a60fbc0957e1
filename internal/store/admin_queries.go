package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	return a.s.Write(ctx, func(tx *gorm.DB) error { return fn(adminQueries{queries{db: tx, d: a.s.d}}) })
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

// searchKeyCap bounds the keys AdminPage collects in its one scan.
const searchKeyCap = 1000

// adminKey is a row's position in a queue (see queueSource).
type adminKey struct {
	sk sql.NullFloat64
	rk int64
}

// AdminPage is one page of a filtered queue and the exact number of rows
// the filter matches, in one scan of the state for selective filters: the
// keys of every match (unordered, so the cheapest plan applies), sorted
// and paged here, then the page's rows fetched by key. A filter that
// matches more than searchKeyCap rows stops that scan early and takes the
// ordered page query, which is quick for dense matches, and a count.
func (q adminQueries) AdminPage(ctx context.Context, f comment.Filter, o comment.Order, after *comment.Cursor, limit int) ([]comment.AdminRow, int, error) {
	src, args := queueSource(f, o, false)
	where, wargs := filterSQL(q.d, f)
	rows, err := q.db.WithContext(ctx).Raw("SELECT x.sk, x.rk FROM "+src+" x WHERE "+where+" LIMIT ?",
		append(append(args, wargs...), searchKeyCap+1)...).Rows()
	if err != nil {
		return nil, 0, fmt.Errorf("store: admin page: %w", err)
	}
	var keys []adminKey
	complete := true
	for rows.Next() {
		var k adminKey
		if err := rows.Scan(&k.sk, &k.rk); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("store: admin page: %w", err)
		}
		// A NULL sort key (likes written as NULL outside Natter) sorts
		// the SQL way; leave that to the ordered query.
		complete = complete && k.sk.Valid
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: admin page: %w", err)
	}
	if len(keys) > searchKeyCap || !complete {
		page, err := q.AdminList(ctx, f, o, after, limit)
		if err != nil {
			return nil, 0, err
		}
		n, err := q.AdminCount(ctx, f)
		return page, n, err
	}
	asc := o == comment.OrderOldest
	slices.SortFunc(keys, func(a, b adminKey) int {
		c := cmp.Or(cmp.Compare(a.sk.Float64, b.sk.Float64), cmp.Compare(a.rk, b.rk))
		if asc {
			return c
		}
		return -c
	})
	start := 0
	if after != nil {
		cur := adminKey{sk: sql.NullFloat64{Float64: after.Value, Valid: true}, rk: after.ID}
		start, _ = slices.BinarySearchFunc(keys, cur, func(k, t adminKey) int {
			c := cmp.Or(cmp.Compare(k.sk.Float64, t.sk.Float64), cmp.Compare(k.rk, t.rk))
			if !asc {
				c = -c
			}
			if c == 0 { // the cursor row itself precedes the page
				return -1
			}
			return c
		})
	}
	total := len(keys)
	keys = keys[start:min(start+limit, total)]
	if len(keys) == 0 {
		return nil, total, nil
	}
	page, err := q.adminRowsByKey(ctx, f, o, keys)
	return page, total, err
}

// adminRowsByKey reads the rows of a page of keys, in queue order. The
// filter applies again (to these rows only): a row changed since the scan
// drops out rather than showing unmatched.
func (q adminQueries) adminRowsByKey(ctx context.Context, f comment.Filter, o comment.Order, keys []adminKey) ([]comment.AdminRow, error) {
	src, args := queueSource(f, o)
	where, wargs := filterSQL(q.d, f)
	args = append(args, wargs...)
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.rk
	}
	dir := "DESC"
	if o == comment.OrderOldest {
		dir = "ASC"
	}
	var rows []adminRow
	err := q.db.WithContext(ctx).Raw("SELECT * FROM "+src+" x WHERE "+where+" AND x.rk IN ? ORDER BY x.sk "+dir+", x.rk "+dir,
		append(args, ids)...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: admin page rows: %w", err)
	}
	out := make([]comment.AdminRow, len(rows))
	for i, r := range rows {
		out[i] = r.out()
	}
	return out, nil
}

func (q adminQueries) AdminCount(ctx context.Context, f comment.Filter) (int, error) {
	src, args := queueSource(f, comment.OrderNewest, false)
	where, wargs := filterSQL(q.d, f)
	var n int
	err := q.db.WithContext(ctx).Raw("SELECT count(*) FROM "+src+" x WHERE "+where, append(args, wargs...)...).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: admin count: %w", err)
	}
	return n, nil
}

func (q adminQueries) AdminStateCounts(ctx context.Context) (comment.StateCounts, error) {
	var c comment.StateCounts
	err := q.db.WithContext(ctx).Raw(`SELECT
		(SELECT count(*) FROM comments WHERE mode = 2),
		(SELECT count(*) FROM comments WHERE mode = 1),
		(SELECT count(*) FROM comments c WHERE mode = 4 AND NOT EXISTS
			(SELECT 1 FROM natter_trash t WHERE t.comment_id = c.id)) + (SELECT count(*) FROM natter_trash)`).
		Row().Scan(&c.Pending, &c.Approved, &c.Deleted)
	if err != nil {
		return c, fmt.Errorf("store: admin counts: %w", err)
	}
	return c, nil
}

func (q adminQueries) AdminMatching(ctx context.Context, f comment.Filter) ([]int64, []int64, error) {
	src, args := queueSource(f, comment.OrderNewest, false)
	where, wargs := filterSQL(q.d, f)
	rows, err := q.db.WithContext(ctx).Raw("SELECT x.id, x.trash_id FROM "+src+" x WHERE "+where+" ORDER BY x.rk",
		append(args, wargs...)...).Rows()
	if err != nil {
		return nil, nil, fmt.Errorf("store: admin matching: %w", err)
	}
	defer rows.Close()
	var comments, trash []int64
	for rows.Next() {
		var id, tid int64
		if err := rows.Scan(&id, &tid); err != nil {
			return nil, nil, fmt.Errorf("store: admin matching: %w", err)
		}
		if tid > 0 {
			trash = append(trash, tid)
		} else {
			comments = append(comments, id)
		}
	}
	return comments, trash, rows.Err()
}

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
