package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"gorm.io/gorm"
)

// The writer's kept statements answer as fresh ones: the same query again,
// a query issued while its own rows are still open, more distinct queries
// than the cache keeps, and queries it must not keep.
func TestCachingConn_AnswersAsFreshStatements(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "natter.db"))
	newThread(t, s)
	err := s.Write(context.Background(), func(tx *gorm.DB) error {
		for i := range 3 {
			if _, err := insertComment(tx, 1, "text"); err != nil {
				return err
			}
			if n := scalar[int](t, tx, "SELECT count(id) FROM comments WHERE tid = ?", 1); n != i+1 {
				t.Errorf("count after %d inserts = %d", i+1, n)
			}
		}
		// The same query while its first rows are open.
		const q = "SELECT id FROM comments WHERE tid = ? ORDER BY id"
		outer, err := tx.Raw(q, 1).Rows()
		if err != nil {
			return err
		}
		defer outer.Close()
		var ids []int64
		for outer.Next() {
			var id int64
			if err := outer.Scan(&id); err != nil {
				return err
			}
			var inner []int64
			if err := tx.Raw(q, 1).Scan(&inner).Error; err != nil {
				return err
			}
			if len(inner) != 3 {
				t.Errorf("inner query = %v", inner)
			}
			ids = append(ids, id)
		}
		if len(ids) != 3 {
			t.Errorf("outer query = %v", ids)
		}
		// More distinct queries than are kept.
		for i := range 2*maxCachedStmts + 10 {
			q := fmt.Sprintf("SELECT count(id) + %d FROM comments WHERE id > ?", i)
			if n := scalar[int](t, tx, q, 0); n != 3+i {
				t.Errorf("%s = %d", q, n)
			}
		}
		// Not kept: "*", several statements, a wrong argument count.
		if n := scalar[int](t, tx, "SELECT count(*) FROM comments"); n != 3 {
			t.Errorf("count(*) = %d", n)
		}
		if err := tx.Raw("SELECT id FROM comments WHERE tid = ? AND id = ?", 1).Scan(&ids).Error; err == nil {
			t.Error("a missing argument was accepted")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriter_TempStoreInMemory(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "natter.db"))
	if got := scalar[int](t, s.writer, "PRAGMA temp_store"); got != 2 {
		t.Errorf("writer temp_store = %d, want 2 (memory)", got)
	}
}

// Kept changes report what they changed each time, and one returning
// rows is not kept (it would stay active and block the commit).
func TestCachingConn_Changes(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "natter.db"))
	newThread(t, s)
	err := s.Write(context.Background(), func(tx *gorm.DB) error {
		for i := range 3 {
			if _, err := insertComment(tx, 1, "text"); err != nil {
				return err
			}
			res := tx.Exec("UPDATE comments SET likes = likes + 1 WHERE tid = ?", 1)
			if res.Error != nil || res.RowsAffected != int64(i+1) {
				t.Errorf("update %d: %d rows, %v", i, res.RowsAffected, res.Error)
			}
		}
		return tx.Exec("INSERT INTO threads (uri) VALUES (?) RETURNING id", "/returning").Error
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := scalar[int](t, s.Reader(), "SELECT sum(likes) FROM comments"); n != 1+2+3 {
		t.Errorf("likes = %d, want 6", n)
	}
	if n := scalar[int](t, s.Reader(), "SELECT count(id) FROM threads"); n != 2 {
		t.Errorf("threads = %d, want 2", n)
	}
}

func TestRowless(t *testing.T) {
	for q, want := range map[string]bool{
		"INSERT INTO t (a) VALUES (?)":           true,
		"  update t SET a = ?":                   true,
		"SAVEPOINT w":                            true,
		"RELEASE SAVEPOINT w":                    true,
		"INSERT INTO t (a) VALUES (?) RETURNING": false,
		"SELECT 1":                               false,
		"WITH x AS (SELECT 1) DELETE FROM t":     false,
		"PRAGMA user_version = 3":                false,
	} {
		if got := rowless(q); got != want {
			t.Errorf("rowless(%q) = %v, want %v", q, got, want)
		}
	}
}
