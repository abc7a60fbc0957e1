package store

// ddlOutbox is the notification outbox: one row per message and channel
// (and per recipient for reply mails), inserted in the transaction of the
// comment change that causes it, so a crash cannot keep one without the
// other. Like natter_rendered it has no foreign keys: Isso may delete or
// reuse comment ids, and a delivered message stays history.
//
// Times are float UNIX seconds, like Isso's. queued is when the row last
// entered the queue (insert or manual resend): the worker gives up once
// it is older than the configured bound. answer is the remote's last reply
// (or the local error), kept for the admin panel.
var ddlOutbox = []string{
	`CREATE TABLE IF NOT EXISTS natter_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    comment_id INTEGER NOT NULL,
    recipient TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    queued REAL NOT NULL,
    next_at REAL NOT NULL,
    updated REAL NOT NULL,
    sent_at REAL,
    answer TEXT NOT NULL DEFAULT '')`,
	`CREATE INDEX IF NOT EXISTS natter_outbox_due ON natter_outbox (state, next_at)`,
	`CREATE INDEX IF NOT EXISTS natter_outbox_channel ON natter_outbox (channel, id)`,
}
