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
