package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/natter/natter/models"
)

// Historic comments DDL: nullable text; notification optional (Isso
// 0.11–0.13 added it without bumping user_version).
const (
	oldCommentsDDL = `CREATE TABLE comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL%s);`
	oldRestDDL = `CREATE TABLE preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TRIGGER remove_stale_threads AFTER DELETE ON comments
BEGIN
    DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments);
END;
INSERT INTO preferences VALUES ('session-key', '` + fixtureSessionKey + `');
INSERT INTO threads VALUES (1, '/a', 'A');`
)

// oldRow is a historic comment: id, tid, parent, text (nil = NULL).
type oldRow struct {
	id, tid int64
	parent  *int64
	text    *string
}

// oldRows nest replies three deep (1 ← 2 ← 3 ← 4), hold a NULL text, a
// dangling parent, and an orphan whose thread is gone.
func oldRows() []oldRow {
	return []oldRow{
		{1, 1, nil, ptr("top")},
		{2, 1, ptr[int64](1), ptr("reply")},
		{3, 1, ptr[int64](2), ptr("reply to reply")},
		{4, 1, ptr[int64](3), ptr("deeper")},
		{5, 1, nil, nil},
		{6, 1, ptr[int64](99), ptr("dangling parent")},
		{7, 42, nil, ptr("orphan thread")},
	}
}

func buildOldIsso(t *testing.T, path string, version int, withNotification bool) {
	t.Helper()
	db := rawDB(t, path)
	extra := ""
	if withNotification {
		extra = ", notification INTEGER DEFAULT 0"
	}
	execScript(t, db, fmt.Sprintf(oldCommentsDDL, extra)+oldRestDDL)
	for _, r := range oldRows() {
		_, err := db.Exec(`INSERT INTO comments (tid, id, parent, created, mode, remote_addr, text, voters)
			VALUES (?, ?, ?, 1400000000.5, 1, '10.0.0.0', ?, ?)`,
			r.tid, r.id, r.parent, r.text, votersFilter("10.0.0.0"))
		if err != nil {
			t.Fatal(err)
		}
	}
	execScript(t, db, fmt.Sprintf("PRAGMA user_version = %d", version))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpen_MigratesOldIssoDatabases(t *testing.T) {
	const legacyKey = "legacy-key-from-isso.cfg"
	flat := map[int64]int64{2: 1, 3: 1, 4: 1, 6: 99}
	nested := map[int64]int64{2: 1, 3: 2, 4: 3, 6: 99}
	tests := []struct {
		name             string
		version          int
		withNotification bool
		wantParents      map[int64]int64
		wantVoters       []byte
		wantKey          string
	}{
		{"v0 resets voters, adopts config key, flattens", 0, false, flat, votersFilter("127.0.0.0"), legacyKey},
		{"v2 flattens replies", 2, false, flat, votersFilter("10.0.0.0"), fixtureSessionKey},
		{"v3 keeps nesting (Isso flattens only 2→3)", 3, false, nested, votersFilter("10.0.0.0"), fixtureSessionKey},
		{"v3 of Isso 0.12 with notification column", 3, true, nested, votersFilter("10.0.0.0"), fixtureSessionKey},
		{"v4 only rebuilds text NOT NULL", 4, true, nested, votersFilter("10.0.0.0"), fixtureSessionKey},
	}
	ref := referenceLayout(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			buildOldIsso(t, path, tc.version, tc.withNotification)
			s, err := Open(context.Background(), Options{Path: path, Logger: testLogger(), LegacySessionKey: legacyKey})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			assertMigratedRows(t, s, tc.wantParents, tc.wantVoters)
			if key, _ := s.Preference(t.Context(), PrefSessionKey); key != tc.wantKey {
				t.Errorf("session-key = %q, want %q", key, tc.wantKey)
			}
			if v := scalar[int](t, s.Reader(), "PRAGMA user_version"); v != 5 {
				t.Errorf("user_version = %d, want 5", v)
			}
			if got := tableInfo(t, sqlDB(t, s.Reader()), "comments"); !slices.Equal(got, ref["comments"]) {
				t.Errorf("comments layout\n%s\nwant\n%s", joinLines(got), joinLines(ref["comments"]))
			}
			if n := scalar[int](t, s.Reader(), "SELECT count(*) FROM sqlite_master WHERE name LIKE 'comments_%'"); n != 0 {
				t.Errorf("%d leftover comments_* tables", n)
			}
			assertNatterAdditions(t, s)
		})
	}
}

// assertMigratedRows checks parents, texts (” for NULL), notification
// (the column default, 0) and voters of every migrated row.
func assertMigratedRows(t *testing.T, s *Store, wantParents map[int64]int64, wantVoters []byte) {
	t.Helper()
	var got []models.Comment
	if err := s.Reader().Order("id").Find(&got).Error; err != nil {
		t.Fatal(err)
	}
	if len(got) != len(oldRows()) {
		t.Fatalf("got %d rows, want %d", len(got), len(oldRows()))
	}
	for i, r := range oldRows() {
		c := got[i]
		wantText := ""
		if r.text != nil {
			wantText = *r.text
		}
		var gotParent int64
		if c.Parent != nil {
			gotParent = *c.Parent
		}
		if c.ID != r.id || c.TID != r.tid || gotParent != wantParents[r.id] || c.Text != wantText {
			t.Errorf("row %d = id %d tid %d parent %d text %q; want parent %d text %q",
				r.id, c.ID, c.TID, gotParent, c.Text, wantParents[r.id], wantText)
		}
		if c.Notification == nil || *c.Notification != 0 {
			t.Errorf("row %d notification = %v, want 0", r.id, c.Notification)
		}
		if !reflect.DeepEqual(c.Voters, wantVoters) {
			t.Errorf("row %d voters differ from the expected filter", r.id)
		}
	}
}
