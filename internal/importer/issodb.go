package importer

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"net/url"
	"strconv"

	_ "github.com/mattn/go-sqlite3" // the driver Natter's store uses
)

// issoDB reads another Isso or Natter comments.db, read-only, row by row.
type issoDB struct{}

const issoDBQuery = `SELECT t.uri, coalesce(t.title, ''), c.id, c.parent, c.created, c.modified,
	coalesce(c.mode, 1), coalesce(c.remote_addr, ''), coalesce(c.text, ''), c.author, c.email, c.website,
	coalesce(c.likes, 0), coalesce(c.dislikes, 0), %s
	FROM comments c JOIN threads t ON t.id = c.tid ORDER BY c.tid, c.id`

func (issoDB) parseFile(ctx context.Context, path string, emit emitFunc) error {
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro&_query_only=1")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	notif := "NULL"
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info('comments') WHERE name = 'notification'").Scan(&n)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if n > 0 {
		notif = "c.notification"
	}
	rows, err := db.QueryContext(ctx, fmt.Sprintf(issoDBQuery, notif))
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanIssoRow(rows)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if err := emit(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanIssoRow(rows *sql.Rows) (*Record, error) {
	var (
		r                      Record
		id                     int64
		parent, notification   sql.NullInt64
		modified               sql.NullFloat64
		created                float64
		mode                   int
		author, email, website sql.NullString
	)
	err := rows.Scan(&r.URL, &r.Title, &id, &parent, &created, &modified, &mode, &r.Addr, &r.Text,
		&author, &email, &website, &r.Likes, &r.Dislikes, &notification)
	if err != nil {
		return nil, err
	}
	r.ID, r.ThreadID = strconv.FormatInt(id, 10), r.URL
	if parent.Valid && parent.Int64 != 0 {
		r.ParentID = strconv.FormatInt(parent.Int64, 10)
	}
	r.Created, r.State = floatTime(created), stateFromMode(mode)
	if modified.Valid {
		r.Modified = floatTime(modified.Float64)
	}
	if notification.Valid {
		v := int(notification.Int64)
		r.Notification = &v
	}
	r.Author, r.Email, r.Website = unescaped(author), unescaped(email), unescaped(website)
	return &r, nil
}

// unescaped undoes Isso's storage escaping; the writer redoes it.
func unescaped(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	v := html.UnescapeString(s.String)
	return &v
}
