package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/models"
)

// Comments adapts the store to the comment service's Store interface.
type Comments struct{ s *Store }

// Comments returns the comment service's view of the store.
func (s *Store) Comments() Comments { return Comments{s: s} }

// Read returns queries on the reader pool.
func (c Comments) Read() comment.Queries {
	return queries{db: c.s.reader, d: c.s.d, answers: c.s.answers, storedAnswer: c.s.storedAnswer}
}

// Write runs fn in one write transaction.
func (c Comments) Write(ctx context.Context, fn func(q comment.Queries) error) error {
	return c.s.Write(ctx, func(tx *gorm.DB) error { return fn(queries{db: tx, d: c.s.d, write: true, answers: c.s.answers}) })
}

// queries implement comment.Queries on a connection or a transaction.
type queries struct {
	db *gorm.DB
	d  dialect
	// write marks queries inside a write transaction: on PostgreSQL they
	// lock the comment rows they read (see Comment).
	write bool
	// answers: stored answers are in use (answers.go); storedAnswer is
	// their read, on the read pool only.
	answers      bool
	storedAnswer *sql.Stmt
}

func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("store: %s: %w", what, comment.ErrNotFound)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

func (q queries) ThreadByURI(ctx context.Context, uri string) (models.Thread, error) {
	var t models.Thread
	if !q.d.storable(uri) {
		return t, fmt.Errorf("store: thread by uri: %w", comment.ErrNotFound)
	}
	err := q.db.WithContext(ctx).Where("uri = ?", uri).Take(&t).Error
	if err != nil {
		return t, notFound(err, "thread by uri")
	}
	return t, nil
}

func (q queries) ThreadByID(ctx context.Context, id int64) (models.Thread, error) {
	var t models.Thread
	if err := q.db.WithContext(ctx).Where("id = ?", id).Take(&t).Error; err != nil {
		return t, notFound(err, "thread by id")
	}
	return t, nil
}

// InsertThread creates the thread, or returns it when another process
// created it meanwhile (on PostgreSQL, two processes can take the first
// comment of a page at once): ON CONFLICT waits for the other insert and
// then leaves its row, which the lookup reads.
func (q queries) InsertThread(ctx context.Context, uri, title string) (models.Thread, error) {
	t := models.Thread{URI: uri, Title: &title}
	var ids []int64
	err := q.db.WithContext(ctx).Raw(`INSERT INTO threads (uri, title) VALUES (?, ?)
		ON CONFLICT (uri) DO NOTHING RETURNING id`, uri, title).Scan(&ids).Error
	if err != nil {
		return t, fmt.Errorf("store: insert thread: %w", err)
	}
	if len(ids) == 1 {
		t.ID = ids[0]
		return t, nil
	}
	return q.ThreadByURI(ctx, uri)
}

func (q queries) ThreadComments(ctx context.Context, tid int64) ([]models.Comment, error) {
	var cs []models.Comment
	if err := q.db.WithContext(ctx).Where("tid = ?", tid).Order("id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("store: thread comments: %w", err)
	}
	return cs, nil
}

// Comment reads one comment. In a write transaction on PostgreSQL it
// locks the row until the commit: the service reads, changes and writes
// back (votes, edits), and another process doing the same at once must
// wait and read the result, or one of the two changes would be lost.
// SQLite needs no lock: its single writer runs one transaction at a time.
func (q queries) Comment(ctx context.Context, id int64) (models.Comment, error) {
	var c models.Comment
	db := q.db.WithContext(ctx)
	if q.write && q.d == postgresDialect {
		db = db.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
	}
	if err := db.Where("id = ?", id).Take(&c).Error; err != nil {
		return c, notFound(err, "comment")
	}
	return c, nil
}

func (q queries) RecentByAddr(ctx context.Context, addr string, since float64) ([]int64, error) {
	var ids []int64
	err := q.db.WithContext(ctx).Model(&models.Comment{}).
		Where("remote_addr = ? AND created > ?", addr, since).Order("id").Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: recent comments: %w", err)
	}
	return ids, nil
}

func (q queries) TopLevelByAddr(ctx context.Context, tid int64, addr string) (int, error) {
	var n int64
	err := q.db.WithContext(ctx).Model(&models.Comment{}).
		Where("tid = ? AND remote_addr = ? AND parent IS NULL", tid, addr).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: count top-level: %w", err)
	}
	return int(n), nil
}

func (q queries) EmailApprovedSince(ctx context.Context, email string, since float64) (bool, error) {
	var n int64
	err := q.db.WithContext(ctx).Model(&models.Comment{}).
		Where("email = ? AND mode = 1 AND created > ?", email, since).Limit(1).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: approved e-mail: %w", err)
	}
	return n > 0, nil
}

func (q queries) InsertComment(ctx context.Context, c *models.Comment) error {
	if err := q.d.checkText(c); err != nil {
		return err
	}
	if err := q.db.WithContext(ctx).Create(c).Error; err != nil {
		return fmt.Errorf("store: insert comment: %w", err)
	}
	return nil
}

func (q queries) UpdateComment(ctx context.Context, id int64, fields map[string]any) error {
	var c models.Comment
	for k, v := range fields {
		if s, ok := v.(string); ok && (k == "text" || k == "author" || k == "email" || k == "website") {
			c.Text = s
			if err := q.d.checkText(&c); err != nil {
				return err
			}
		}
	}
	res := q.db.WithContext(ctx).Model(&models.Comment{}).Where("id = ?", id).Updates(fields)
	if res.Error != nil {
		return fmt.Errorf("store: update comment: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: update comment %d: %w", id, comment.ErrNotFound)
	}
	return nil
}

func (q queries) DeleteComment(ctx context.Context, id int64) error {
	if err := q.db.WithContext(ctx).Exec("DELETE FROM comments WHERE id = ?", id).Error; err != nil {
		return fmt.Errorf("store: delete comment: %w", err)
	}
	return nil
}

func (q queries) HasReplies(ctx context.Context, id int64) (bool, error) {
	var n int64
	err := q.db.WithContext(ctx).Model(&models.Comment{}).Where("parent = ?", id).Limit(1).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: has replies: %w", err)
	}
	return n > 0, nil
}

// PurgeStale repeats Isso's clean-up until nothing changes: a placeholder
// whose last reply went is itself removed.
func (q queries) PurgeStale(ctx context.Context) error {
	for {
		res := q.db.WithContext(ctx).Exec(`DELETE FROM comments WHERE mode = 4 AND id NOT IN
			(SELECT parent FROM comments WHERE parent IS NOT NULL)`)
		if res.Error != nil {
			return fmt.Errorf("store: purge stale: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
	}
}

func (q queries) PurgePending(ctx context.Context, before float64) ([]int64, error) {
	var tids []int64
	db := q.db.WithContext(ctx)
	if err := db.Model(&models.Comment{}).Distinct().Where("mode = 2 AND created < ?", before).Pluck("tid", &tids).Error; err != nil {
		return nil, fmt.Errorf("store: pending threads: %w", err)
	}
	if err := db.Exec("DELETE FROM comments WHERE mode = 2 AND created < ?", before).Error; err != nil {
		return nil, fmt.Errorf("store: purge pending: %w", err)
	}
	return tids, nil
}

func (q queries) Unsubscribe(ctx context.Context, email string, id int64) error {
	err := q.db.WithContext(ctx).Exec(
		"UPDATE comments SET notification = 0 WHERE email = ? AND (id = ? OR parent = ?)", email, id, id).Error
	if err != nil {
		return fmt.Errorf("store: unsubscribe: %w", err)
	}
	return nil
}

func (q queries) LatestPublished(ctx context.Context, limit int) ([]models.Comment, []string, error) {
	type row struct {
		models.Comment
		URI string `gorm:"column:uri"`
	}
	var rows []row
	err := q.db.WithContext(ctx).Table("comments").Select("comments.*, threads.uri").
		Joins("JOIN threads ON threads.id = comments.tid").Where("comments.mode = 1").
		Order("comments.created DESC").Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("store: latest: %w", err)
	}
	cs, uris := make([]models.Comment, len(rows)), make([]string, len(rows))
	for i := range rows {
		j := len(rows) - 1 - i // oldest first
		cs[j], uris[j] = rows[i].Comment, rows[i].URI
	}
	return cs, uris, nil
}

// PublishedCounts counts the published comments of the threads with the
// given URIs, one indexed count per thread; unknown URIs are left out.
func (q queries) PublishedCounts(ctx context.Context, uris []string) (map[string]int, error) {
	keep := make([]string, 0, len(uris))
	for _, u := range uris {
		if q.d.storable(u) {
			keep = append(keep, u)
		}
	}
	out := make(map[string]int, len(keep))
	if len(keep) == 0 {
		return out, nil
	}
	var rows []struct {
		URI string
		N   int
	}
	// Isso declares comments.tid without a type, so SQLite would convert
	// it to compare with the integer t.id and then use no index on it:
	// "+t.id" has no affinity, and the hint keeps SQLite (no statistics
	// here) off the (mode, likes) index, which reads every published
	// comment of the site per thread.
	err := q.db.WithContext(ctx).Raw(`SELECT t.uri AS uri,
		(SELECT COUNT(*) FROM comments c`+q.d.indexedBy("natter_comments_tid_mode_created")+`
		WHERE c.tid = +t.id AND c.mode = 1) AS n
		FROM threads t WHERE t.uri IN ?`, keep).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: published counts: %w", err)
	}
	for _, r := range rows {
		out[r.URI] = r.N
	}
	return out, nil
}
