package isso_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/natter/natter/internal/testsite"
)

// issoDDL is Isso's schema version 5 (reference §5.2).
const issoDDL = `
CREATE TABLE preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0);
CREATE TRIGGER remove_stale_threads AFTER DELETE ON comments
BEGIN
    DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments);
END;
PRAGMA user_version = 5;
INSERT INTO preferences VALUES ('session-key', '0123456789abcdef0123456789abcdef0123456789abcdef');
INSERT INTO threads VALUES (1, '/isso/', 'Isso thread');
INSERT INTO threads VALUES (2, '/other/', NULL);
-- 1: published top-level, escaped author and website, votes, NULL notification.
INSERT INTO comments VALUES (1, 1, NULL, 1464940838.254393, NULL, 1, '192.168.1.0', 'Hello *world*',
    'Tom &amp; Jerry', NULL, 'http://example.org/?a=1&amp;b=&#x27;2&#x27;', 3, 1, zeroblob(256), NULL);
-- 2: a deleted comment kept for its reply (e-mail kept).
INSERT INTO comments VALUES (1, 2, NULL, 1464940900.5, NULL, 4, '127.0.0.0', '',
    NULL, 'foo@bar.com', NULL, 0, 0, zeroblob(256), 0);
-- 3: its reply, edited, with empty strings.
INSERT INTO comments VALUES (1, 3, 2, 1464941000.125, 1464941100.75, 1, '203.0.113.0', 'reply',
    '', '', '', 0, 2, zeroblob(256), 1);
-- 4: a pending reply to 1.
INSERT INTO comments VALUES (1, 4, 1, 1464941200.0, NULL, 2, '198.51.100.0', 'pending',
    'P', 'p@x.org', NULL, 0, 0, zeroblob(256), 1);
-- 5: IPv6 author with an e-mail, whole-second created as imports write it.
INSERT INTO comments VALUES (1, 5, NULL, 1464941300, NULL, 1, '2001:0db8:85a3:0000:0000:0000:0000:0000', 'six',
    'Ann', 'Foo@Example.org', 'https://ann.example', 0, 0, zeroblob(256), 0);
-- 6: a comment in another thread.
INSERT INTO comments VALUES (2, 6, NULL, 1464941400.5, NULL, 1, '10.0.0.0', 'elsewhere',
    NULL, NULL, NULL, 0, 0, zeroblob(256), NULL);
`

func issoDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "comments.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(issoDDL); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestIssoDatabase_Thread opens a database Isso wrote and expects exactly
// the answer Isso gives for it, written by hand from the reference.
func TestIssoDatabase_Thread(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: baseConfig, DBPath: issoDB(t)})
	r := get(t, s, "/?uri=/isso/")
	if r.status != 200 {
		t.Fatalf("%s", r)
	}
	jsonEqual(t, r.body, `{
	  "id": null, "total_replies": 4, "hidden_replies": 0,
	  "replies": [
	    {"id": 1, "parent": null, "created": 1464940838.254393, "modified": null, "mode": 1,
	     "text": "<p>Hello <em>world</em></p>", "author": "Tom &amp; Jerry",
	     "website": "http://example.org/?a=1&amp;b=&#x27;2&#x27;", "likes": 3, "dislikes": 1,
	     "notification": null, "hash": "9f0076fd038d",
	     "total_replies": 0, "hidden_replies": 0, "replies": []},
	    {"id": 2, "parent": null, "created": 1464940900.5, "modified": null, "mode": 4,
	     "text": "<p></p>", "author": null, "website": null, "likes": 0, "dislikes": 0,
	     "notification": 0, "hash": "3b35f5a00071",
	     "total_replies": 1, "hidden_replies": 0, "replies": [
	       {"id": 3, "parent": 2, "created": 1464941000.125, "modified": 1464941100.75, "mode": 1,
	        "text": "<p>reply</p>", "author": "", "website": "", "likes": 0, "dislikes": 2,
	        "notification": 1, "hash": "a7b7f96edc97"}
	     ]},
	    {"id": 5, "parent": null, "created": 1464941300, "modified": null, "mode": 1,
	     "text": "<p>six</p>", "author": "Ann", "website": "https://ann.example", "likes": 0, "dislikes": 0,
	     "notification": 0, "hash": "223139dac831",
	     "total_replies": 0, "hidden_replies": 0, "replies": []}
	  ],
	  "config": {"reply-to-self": true, "require-email": false, "require-author": false,
	             "website-field": true, "reply-notifications": false, "gravatar": false, "feed": false}
	}`)

	r = do(t, s, req{method: "POST", path: "/count", body: `["/isso/", "/other/"]`})
	jsonEqual(t, r.body, `[3, 1]`)

	// Isso's own voter filter: the empty blob is an empty filter, so a
	// vote is accepted and counted on top of the stored counters.
	r = do(t, s, req{method: "POST", path: "/id/1/like"})
	jsonEqual(t, r.body, `{"likes": 4, "dislikes": 1}`)
	r = do(t, s, req{method: "POST", path: "/id/1/like"})
	jsonEqual(t, r.body, `{"likes": 4, "dislikes": 1, "message": "Upvote denied because a vote has already been registered for this remote address: 0.0.0.0"}`)

	// Deleting the last reply of the placeholder removes both.
	if _, err := s.Site.Comments.ModeratorDelete(t.Context(), 3); err != nil {
		t.Fatal(err)
	}
	if got, want := summary(t, get(t, s, "/?uri=/isso/").body), "2 0 [1(0,0:) 5(0,0:)]"; got != want {
		t.Errorf("after delete: %s, want %s", got, want)
	}
	var n int
	s.Site.DB.Reader().Raw("SELECT COUNT(*) FROM comments WHERE id IN (2, 3)").Scan(&n)
	if n != 0 {
		t.Errorf("%d of comments 2, 3 left", n)
	}
}
