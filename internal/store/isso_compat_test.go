package store

import (
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/natter/natter/models"
)

const fixtureSessionKey = "0123456789abcdef0123456789abcdef0123456789abcdef"

// issoV5Comments are rows in the formats Isso writes them.
func issoV5Comments() []models.Comment {
	return []models.Comment{
		{TID: 1, ID: 1, Created: 1464940838.254393, Mode: models.ModePublished,
			RemoteAddr: "192.168.1.0", Text: "Hello *world* <b>raw</b>",
			Author: ptr("Tom &amp; Jerry &lt;3"), Email: ptr("foo@bar.com"),
			Website: ptr("http://example.org/?q=&quot;x&#x27;"), Likes: 3, Dislikes: 1,
			Voters: votersFilter("192.168.1.0")},
		{TID: 1, ID: 2, Parent: ptr[int64](1), Created: 1464940900.5, Modified: ptr(1464941000.25),
			Mode: models.ModePending, RemoteAddr: "2001:0db8:85a3:0000:0000:0000:0000:0000",
			Text: "pending reply", Author: ptr(""), Email: ptr(""), Website: ptr(""),
			Voters: votersFilter("2001:0db8:85a3:0000:0000:0000:0000:0000"), Notification: ptr(1)},
		{TID: 2, ID: 3, Created: 1464941111, Mode: models.ModeDeleted, RemoteAddr: "0.0.0.0",
			Text: "", Email: ptr("gone@example.org"), Voters: make([]byte, 256), Notification: ptr(0)},
		{TID: 2, ID: 4, Parent: ptr[int64](3), Created: 1464942222.125, Mode: models.ModePublished,
			RemoteAddr: "127.0.0.0", Text: "reply to a deleted comment", Voters: votersFilter("127.0.0.0")},
	}
}

// buildIssoV5 writes a database the way Isso 0.14 would leave it.
func buildIssoV5(t *testing.T, path string) {
	t.Helper()
	db := rawDB(t, path)
	execScript(t, db, issoV5DDL)
	execScript(t, db, `INSERT INTO preferences VALUES ('session-key', '`+fixtureSessionKey+`');
		INSERT INTO threads VALUES (1, '/post/1/', 'Hello, World');
		INSERT INTO threads VALUES (2, '/post/2?x=1', NULL);`)
	for _, c := range issoV5Comments() {
		_, err := db.Exec(`INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.TID, c.ID, c.Parent, c.Created, c.Modified, c.Mode, c.RemoteAddr, c.Text,
			c.Author, c.Email, c.Website, c.Likes, c.Dislikes, c.Voters, c.Notification)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpen_IssoV5DatabaseReadsBackUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "comments.db")
	buildIssoV5(t, path)
	before := map[string][]string{}
	for _, table := range issoTables {
		before[table] = tableInfo(t, rawDB(t, path), table)
	}

	s := openTest(t, path)
	var got []models.Comment
	if err := s.Reader().Order("id").Find(&got).Error; err != nil {
		t.Fatal(err)
	}
	want := issoV5Comments()
	if len(got) != len(want) {
		t.Fatalf("got %d comments, want %d", len(got), len(want))
	}
	for i, w := range want {
		t.Run(fmt.Sprintf("comment %d", w.ID), func(t *testing.T) {
			if !reflect.DeepEqual(got[i], w) {
				t.Errorf("got  %+v\nwant %+v", got[i], w)
			}
		})
	}

	var threads []models.Thread
	if err := s.Reader().Order("id").Find(&threads).Error; err != nil {
		t.Fatal(err)
	}
	wantThreads := []models.Thread{{ID: 1, URI: "/post/1/", Title: ptr("Hello, World")}, {ID: 2, URI: "/post/2?x=1"}}
	if !reflect.DeepEqual(threads, wantThreads) {
		t.Errorf("threads = %+v, want %+v", threads, wantThreads)
	}
	if key, err := s.Preference(t.Context(), PrefSessionKey); err != nil || key != fixtureSessionKey {
		t.Errorf("session-key = %q, %v; want the existing key preserved", key, err)
	}
	if v := scalar[int](t, s.Reader(), "PRAGMA user_version"); v != 5 {
		t.Errorf("user_version = %d, want 5", v)
	}
	for _, table := range issoTables {
		if after := tableInfo(t, sqlDB(t, s.Reader()), table); !slices.Equal(after, before[table]) {
			t.Errorf("%s layout changed:\nbefore\n%s\nafter\n%s", table, joinLines(before[table]), joinLines(after))
		}
	}
	assertNatterAdditions(t, s)
}

// assertNatterAdditions checks that every Natter step left its mark.
func assertNatterAdditions(t *testing.T, s *Store) {
	t.Helper()
	tests := []struct{ typ, name string }{
		{"table", "natter_migrations"},
		{"table", "natter_rendered"},
		{"index", "natter_comments_tid"},
		{"trigger", "remove_stale_threads"},
	}
	for _, tc := range tests {
		n := scalar[int](t, s.Reader(), "SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?", tc.typ, tc.name)
		if n != 1 {
			t.Errorf("%s %s: found %d, want 1", tc.typ, tc.name, n)
		}
	}
	if v, err := s.SchemaVersion(t.Context()); err != nil || v != len(s.migrations()) {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, len(s.migrations()))
	}
	if n, err := s.Pending(t.Context()); err != nil || n != 0 {
		t.Errorf("Pending = %d, %v; want 0", n, err)
	}
}

func TestOpen_FreshDatabaseHasIssoLayout(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "fresh.db"))
	ref := referenceLayout(t)
	for _, table := range issoTables {
		t.Run(table, func(t *testing.T) {
			if got := tableInfo(t, sqlDB(t, s.Reader()), table); !slices.Equal(got, ref[table]) {
				t.Errorf("layout\n%s\nwant (Isso's)\n%s", joinLines(got), joinLines(ref[table]))
			}
		})
	}
	if v := scalar[int](t, s.Reader(), "PRAGMA user_version"); v != 5 {
		t.Errorf("user_version = %d, want 5", v)
	}
	key, err := s.Preference(t.Context(), PrefSessionKey)
	if err != nil || !regexp.MustCompile(`^[0-9a-f]{48}$`).MatchString(key) {
		t.Errorf("session-key = %q, %v; want 48 lower-case hex characters", key, err)
	}
	if mode := scalar[string](t, s.Reader(), "PRAGMA journal_mode"); mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	assertNatterAdditions(t, s)
}

func TestTrigger_RemovesThreadWithItsLastComment(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		if err := s.Writer().Exec("INSERT INTO threads (id, uri) VALUES (7, '/t')").Error; err != nil {
			t.Fatal(err)
		}
		id, err := insertComment(s.Writer(), 7, "only comment")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Writer().WithContext(ctx).Delete(&models.Comment{}, id).Error; err != nil {
			t.Fatal(err)
		}
		if n := scalar[int](t, s.Reader(), "SELECT count(*) FROM threads WHERE id = 7"); n != 0 {
			t.Errorf("thread survived its last comment")
		}
	})
}
