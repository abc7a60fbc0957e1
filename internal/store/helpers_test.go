package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/natter/natter/models"
	"gorm.io/gorm"
)

// issoV5DDL is Isso's schema as isso-compat.md §5.2 gives it, written out
// independently of the package's own DDL so the two are checked against
// each other.
const issoV5DDL = `
CREATE TABLE preferences (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE threads (
    id    INTEGER PRIMARY KEY,
    uri   VARCHAR(256) UNIQUE,
    title VARCHAR(256)
);
CREATE TABLE comments (
    tid          REFERENCES threads(id),
    id           INTEGER PRIMARY KEY,
    parent       INTEGER,
    created      FLOAT NOT NULL,
    modified     FLOAT,
    mode         INTEGER,
    remote_addr  VARCHAR,
    text         VARCHAR NOT NULL,
    author       VARCHAR,
    email        VARCHAR,
    website      VARCHAR,
    likes        INTEGER DEFAULT 0,
    dislikes     INTEGER DEFAULT 0,
    voters       BLOB NOT NULL,
    notification INTEGER DEFAULT 0
);
CREATE TRIGGER remove_stale_threads AFTER DELETE ON comments
BEGIN
    DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments);
END;
PRAGMA user_version = 5;
`

// issoTables are the tables whose layout Isso depends on.
var issoTables = []string{"preferences", "threads", "comments"}

// testLogger discards output; tests assert on results, not on logs.
func testLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// openTest opens a store on path and closes it at cleanup.
func openTest(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Options{Path: path, Logger: testLogger()})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// rawDB opens path with plain database/sql and default settings, the way
// Isso's Python sqlite3 module does (rollback journal, no foreign keys).
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// execScript runs one or more ;-separated statements (go-sqlite3 executes
// them in turn).
func execScript(t testing.TB, db *sql.DB, script string) {
	t.Helper()
	if _, err := db.Exec(script); err != nil {
		t.Fatalf("exec script: %v", err)
	}
}

// tableInfo returns PRAGMA table_info rows as comparable strings, in
// column order.
func tableInfo(t testing.TB, q querier, table string) []string {
	t.Helper()
	rows, err := q.Query("SELECT cid, name, type, \"notnull\", coalesce(dflt_value, 'NULL'), pk FROM pragma_table_info(?)", table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var cid, notnull, pk int
		var name, typ, dflt string
		if err := rows.Scan(&cid, &name, &typ, &notnull, &dflt, &pk); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s %q notnull=%d default=%s pk=%d", cid, name, typ, notnull, dflt, pk))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// querier is what tableInfo needs from *sql.DB.
type querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// sqlDB unwraps a GORM handle for the raw helpers.
func sqlDB(t testing.TB, db *gorm.DB) *sql.DB {
	t.Helper()
	d, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// referenceLayout builds a database from issoV5DDL and returns the
// table_info of Isso's tables.
func referenceLayout(t testing.TB) map[string][]string {
	t.Helper()
	db := rawDB(t, filepath.Join(t.TempDir(), "reference.db"))
	execScript(t, db, issoV5DDL)
	out := map[string][]string{}
	for _, table := range issoTables {
		out[table] = tableInfo(t, db, table)
	}
	return out
}

func scalar[T any](t testing.TB, db *gorm.DB, query string, args ...any) T {
	t.Helper()
	var v T
	if err := db.Raw(query, args...).Row().Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// insertComment adds a published comment to thread tid inside tx.
func insertComment(tx *gorm.DB, tid int64, text string) (int64, error) {
	c := models.Comment{
		TID: tid, Created: 1700000000.5, Mode: models.ModePublished,
		RemoteAddr: "192.168.1.0", Text: text, Voters: votersFilter("192.168.1.0"),
	}
	err := tx.Create(&c).Error
	return c.ID, err
}

func ptr[T any](v T) *T { return &v }

func joinLines(lines []string) string { return strings.Join(lines, "\n") }
