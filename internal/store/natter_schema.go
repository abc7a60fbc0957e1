package store

// ddlRendered is Natter's render cache: the sanitised HTML of a comment's
// text. It has no foreign key to comments on purpose: Isso, which knows
// nothing of it, may delete (and, ids not being AUTOINCREMENT, reuse) or
// edit comments at any time, and a FK would make its deletes fail. A row is
// therefore only a hint: readers must ignore it unless renderer equals the
// key they would write now (the comment service's key covers the renderer
// configuration and the text), and
// rows for vanished comments are simply never read.
const ddlRendered = `CREATE TABLE IF NOT EXISTS natter_rendered (
    comment_id INTEGER PRIMARY KEY, renderer TEXT NOT NULL, html TEXT NOT NULL)`

// ddlCommentsTID speeds up thread listings. Isso ignores unknown indexes;
// its 4→5 rebuild of comments would drop it, but Natter creates it only
// after bringing the file to version 5, and never lowers the version.
const ddlCommentsTID = `CREATE INDEX IF NOT EXISTS natter_comments_tid ON comments (tid, id)`

// ddlIdentity keeps each comment's Isso identity hash, which costs a
// thousand PBKDF2 rounds to compute: without it, loading a thread whose
// authors are not in memory spends most of its time hashing. Like
// natter_rendered it is only a hint: a row counts only when hasher equals
// the key the service would write now (the hash configuration and the
// hashed value).
const ddlIdentity = `CREATE TABLE IF NOT EXISTS natter_identity (
    comment_id INTEGER PRIMARY KEY, hasher TEXT NOT NULL, hash TEXT NOT NULL)`
