package store

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// Info describes the database for an operator's page.
type Info struct {
	Dialect string // "SQLite" or "PostgreSQL"
	// Location is the file, or the server and database: never a password
	// or a connection parameter (a DSN may carry secrets in either).
	Location string
	// Bytes is the database's size: SQLite's pages (the WAL not yet
	// checkpointed aside), or pg_database_size.
	Bytes int64
	// Schema is the highest applied migration.
	Schema int
}

// Info reports what the database is, where, and how big.
func (s *Store) Info(ctx context.Context) (Info, error) {
	in := Info{Dialect: "SQLite", Location: s.path}
	size := "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
	if s.d == postgresDialect {
		in.Dialect, in.Location = "PostgreSQL", pgLocation(s.opts.Path)
		size = "SELECT pg_database_size(current_database())"
	}
	if err := s.reader.WithContext(ctx).Raw(size).Row().Scan(&in.Bytes); err != nil {
		return in, fmt.Errorf("store: database size: %w", err)
	}
	v, err := s.SchemaVersion(ctx)
	in.Schema = v
	return in, err
}

// pgLocation is user@host:port/database of a PostgreSQL URL, without its
// password and parameters.
func pgLocation(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable PostgreSQL URL)"
	}
	loc := u.Host + u.Path
	if u.User != nil && u.User.Username() != "" {
		loc = u.User.Username() + "@" + loc
	}
	return strings.TrimSuffix(loc, "/")
}
