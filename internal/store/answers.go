package store

// Stored answers: encoded thread answers (Isso's JSON, the widget's
// render) kept in the database, so that a thread whose snapshot is not in
// memory is served by one indexed read instead of a thread load. Only
// SQLite has them: their triggers keep them exact even under Isso's own
// writes, and a site on PostgreSQL has the memory to cache in process.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/natter/natter/internal/comment"
)

// ddlStoredAnswers creates the answers, each thread's change counter and
// the triggers that bump the counter and drop the thread's answers on
// every change to its comments or to the thread, by whichever process
// (Natter, Isso, an import) makes it. The counter guards the background
// store of an answer built before a change (KeepAnswer). INSERT OR
// REPLACE rather than an upsert: Isso's SQLite may predate upserts.
var ddlStoredAnswers = append([]string{
	`CREATE TABLE IF NOT EXISTS natter_thread_version (tid INTEGER PRIMARY KEY, v INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS natter_answer (
    tid INTEGER NOT NULL, key TEXT NOT NULL, until INTEGER NOT NULL, stored INTEGER NOT NULL,
    tag TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (tid, key))`,
}, answerTriggerDDL()...)

// answerTriggers are the triggers that keep stored answers exact: the
// change each follows and the threads it touches.
var answerTriggers = []struct {
	name, event string
	tids        []string
}{
	{"comment_insert", "INSERT ON comments", []string{"NEW.tid"}},
	{"comment_update", "UPDATE ON comments", []string{"OLD.tid", "NEW.tid"}},
	{"comment_delete", "DELETE ON comments", []string{"OLD.tid"}},
	{"thread_update", "UPDATE ON threads", []string{"OLD.id"}},
	{"thread_delete", "DELETE ON threads", []string{"OLD.id"}},
}

func answerTriggerDDL() []string {
	out := make([]string, len(answerTriggers))
	for i, tr := range answerTriggers {
		out[i] = answerTrigger(tr.name, tr.event, tr.tids...)
	}
	return out
}

func answerTrigger(name, event string, tids ...string) string {
	body := ""
	for _, tid := range tids {
		body += fmt.Sprintf(`
    INSERT OR REPLACE INTO natter_thread_version (tid, v)
        VALUES (%[1]s, coalesce((SELECT v FROM natter_thread_version WHERE tid = %[1]s), 0) + 1);
    DELETE FROM natter_answer WHERE tid = %[1]s;`, tid)
	}
	return "CREATE TRIGGER IF NOT EXISTS natter_answer_" + name + " AFTER " + event + " BEGIN" + body + "\nEND"
}

// answersPerThread bounds the stored answers of one thread: queries are
// the client's to vary, and each variant would otherwise add a row.
const answersPerThread = 8

// enableStoredAnswers turns stored answers on for a writable SQLite
// file. Rebuilding comments (as Isso's own migrations do) drops a table's
// triggers; answers stored while one was missing may be stale, so a
// missing trigger is recreated and every stored answer dropped.
func (s *Store) enableStoredAnswers(ctx context.Context) error {
	if s.d == postgresDialect || s.readOnly() {
		return nil
	}
	var n int
	err := s.reader.WithContext(ctx).Raw(`SELECT count(*) FROM sqlite_master
		WHERE type = 'trigger' AND name LIKE 'natter\_answer\_%' ESCAPE '\'`).Scan(&n).Error
	if err != nil {
		return fmt.Errorf("store: check stored-answer triggers: %w", err)
	}
	if n != len(answerTriggers) {
		s.log.Warn("stored-answer triggers were missing: recreated, stored answers dropped", "found", n)
		err := s.Write(ctx, func(tx *gorm.DB) error {
			if err := execSQL(ddlStoredAnswers...)(tx); err != nil {
				return err
			}
			return tx.Exec(`DELETE FROM natter_answer`).Error
		})
		if err != nil {
			return fmt.Errorf("store: repair stored answers: %w", err)
		}
	}
	readers, err := s.reader.DB()
	if err != nil {
		return err
	}
	if s.storedAnswer, err = readers.PrepareContext(ctx, storedAnswerSQL); err != nil {
		return fmt.Errorf("store: prepare the stored-answer read: %w", err)
	}
	s.answers = true
	return nil
}

// ThreadStamp is the thread's change counter: read before the thread's
// rows, an answer built from them may be stored only while it is unchanged.
func (q queries) ThreadStamp(ctx context.Context, tid int64) (int64, error) {
	if !q.answers {
		return comment.NoStamp, nil
	}
	var v int64
	err := q.db.WithContext(ctx).Raw(`SELECT coalesce((SELECT v FROM natter_thread_version WHERE tid = ?), 0)`, tid).
		Scan(&v).Error
	if err != nil {
		return 0, fmt.Errorf("store: thread stamp: %w", err)
	}
	return v, nil
}

// storedAnswerSQL finds an answer by thread URI and key, unless expired.
const storedAnswerSQL = `SELECT a.tid, a.until, a.tag, a.body FROM threads t
	JOIN natter_answer a ON a.tid = t.id WHERE t.uri = ? AND a.key = ? AND a.until > ?`

// StoredAnswer finds the answer stored under key for the thread at uri,
// unless it expired by now. It is the read behind most answers of a big
// site, so it runs as a statement prepared once, without GORM.
func (q queries) StoredAnswer(ctx context.Context, uri, key string, now time.Time) (comment.StoredAnswer, error) {
	a := comment.StoredAnswer{Key: key}
	if q.storedAnswer == nil {
		return a, comment.ErrNotFound
	}
	var until int64
	err := q.storedAnswer.QueryRowContext(ctx, uri, key, now.Unix()).Scan(&a.TID, &until, &a.Tag, &a.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return a, comment.ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("store: stored answer: %w", err)
	}
	a.Until = time.Unix(until, 0)
	return a, nil
}

// KeepAnswer stores a, unless its thread changed since stamp was read;
// it reports whether it did. It drops the thread's oldest answers beyond
// answersPerThread.
func (q queries) KeepAnswer(ctx context.Context, a comment.StoredAnswer, stamp int64, now time.Time) (bool, error) {
	if !q.answers || stamp == comment.NoStamp {
		return false, nil
	}
	res := q.db.WithContext(ctx).Exec(`INSERT OR REPLACE INTO natter_answer (tid, key, until, stored, tag, body)
		SELECT ?, ?, ?, ?, ?, ? WHERE coalesce((SELECT v FROM natter_thread_version WHERE tid = ?), 0) = ?`,
		a.TID, a.Key, a.Until.Unix(), now.UnixNano(), a.Tag, a.Body, a.TID, stamp)
	if res.Error != nil {
		return false, fmt.Errorf("store: keep answer: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil
	}
	err := q.db.WithContext(ctx).Exec(`DELETE FROM natter_answer WHERE tid = ? AND key NOT IN
		(SELECT key FROM natter_answer WHERE tid = ? ORDER BY stored DESC LIMIT ?)`,
		a.TID, a.TID, answersPerThread).Error
	if err != nil {
		return false, fmt.Errorf("store: trim stored answers: %w", err)
	}
	return true, nil
}
