package store

// ddlAdminTrash keeps a full copy of every comment the admin deletes, so the
// panel can restore it: Isso's delete empties a placeholder's text or drops
// the row, and ids are reused. Like natter_rendered it has no foreign keys,
// so Isso can keep writing the file.
var ddlAdminTrash = []string{
	`CREATE TABLE IF NOT EXISTS natter_trash (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    parent INTEGER,
    created REAL NOT NULL,
    modified REAL,
    mode INTEGER NOT NULL,
    remote_addr VARCHAR,
    text VARCHAR NOT NULL,
    author VARCHAR,
    email VARCHAR,
    website VARCHAR,
    likes INTEGER DEFAULT 0,
    dislikes INTEGER DEFAULT 0,
    voters BLOB,
    notification INTEGER,
    thread_uri VARCHAR NOT NULL,
    thread_title VARCHAR NOT NULL DEFAULT '',
    deleted_at REAL NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS natter_trash_comment ON natter_trash (comment_id)`,
	`CREATE INDEX IF NOT EXISTS natter_trash_deleted ON natter_trash (deleted_at)`,
}

// ddlAdminIndexes keep the admin queues fast on large sites: a queue is one
// mode walked by creation time (the rowid, i.e. the id, is the implicit
// last column and breaks ties), and "all comments by date" serves the
// dashboard. Isso ignores indexes it does not know.
var ddlAdminIndexes = []string{
	`CREATE INDEX IF NOT EXISTS natter_comments_mode_created ON comments (mode, created)`,
	`CREATE INDEX IF NOT EXISTS natter_comments_created ON comments (created)`,
	// A queue filtered to one thread, and the "most liked" order.
	`CREATE INDEX IF NOT EXISTS natter_comments_tid_mode_created ON comments (tid, mode, created)`,
	`CREATE INDEX IF NOT EXISTS natter_comments_mode_likes ON comments (mode, likes)`,
	// The IP-prefix filter is a range on this index.
	`CREATE INDEX IF NOT EXISTS natter_comments_remote_addr ON comments (remote_addr)`,
}
