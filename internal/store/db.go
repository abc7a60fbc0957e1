package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// connParams returns the connection settings. They are per-connection in
// SQLite, so they go in the DSN, which go-sqlite3 applies to every
// connection it opens.
func connParams(writer bool, cacheKiB int64) [][2]string {
	params := [][2]string{
		// Wait instead of failing while another process (Isso, a CLI, a
		// backup) holds the lock, or during WAL recovery and checkpoints.
		{"_busy_timeout", "5000"},
		// Isso declares comments.tid REFERENCES threads(id) but never
		// enforces it; Natter does, so it cannot create orphans.
		{"_foreign_keys", "1"},
		// FULL fsyncs the WAL on every commit. NORMAL survives a process
		// crash but can lose the last acknowledged comments on power loss;
		// a comment server writes rarely, so durability beats write speed.
		{"_synchronous", "FULL"},
	}
	if writer {
		return append(params,
			// WAL lets readers run while the writer commits. The mode is
			// stored in the file (the writer opens first, so readers find it
			// set); Isso, like any SQLite >= 3.7, opens WAL files as usual.
			[2]string{"_journal_mode", "WAL"},
			// BEGIN IMMEDIATE takes the write lock up front, so a
			// transaction never fails half-way upgrading a read lock.
			[2]string{"_txlock", "immediate"})
	}
	// The read pool refuses writes, so every write goes through the single
	// writer connection and writers never contend.
	return append(params, [2]string{"_query_only", "1"},
		// Each reader's share of Options.PageCache (SQLite's default is
		// 2 MB): admin searches scan the comments table, and re-reading it
		// through the OS on every scan cost a quarter of their time. It
		// fills only as pages are read, so idle memory is unchanged.
		[2]string{"_cache_size", strconv.FormatInt(-cacheKiB, 10)})
}

// minPageCacheKiB is the smallest page cache a reader gets, and the one
// the writer keeps: SQLite's own default.
const minPageCacheKiB = 2000

// connOverheadKiB is what a SQLite connection holds besides its page
// cache: the schema, prepared statements, lookaside buffers.
const connOverheadKiB = 1024

// readerCacheKiB shares total, SQLite's part of the budget, among the
// readers' page caches once the writer's cache and every connection's
// own overhead are taken out.
func readerCacheKiB(total int64, readers int) int64 {
	left := total>>10 - minPageCacheKiB - int64(readers+1)*connOverheadKiB
	return max(left/int64(readers), minPageCacheKiB)
}

// openWriter opens the single writer connection. It goes first: it
// switches the file to WAL and runs the migrations before any reader
// connection exists, so no reader starts with a stale schema.
func (s *Store) openWriter(ctx context.Context) error {
	if s.d == postgresDialect {
		return s.openPostgres(ctx, true)
	}
	base, query, err := splitDSN(s.opts.Path)
	if err != nil {
		return err
	}
	conns := sql.OpenDB(newWriterConnector(buildDSN(base, query, connParams(true, 0))))
	if s.writer, err = s.openPool(ctx, &sqlite.Dialector{Conn: conns}, 1); err != nil {
		return fmt.Errorf("store: open %s: %w", s.path, closeAfter(err, conns.Close()))
	}
	return nil
}

// openReaders opens the read pool.
func (s *Store) openReaders(ctx context.Context) error {
	if s.d == postgresDialect {
		return s.openPostgres(ctx, false)
	}
	base, query, err := splitDSN(s.opts.Path)
	if err != nil {
		return err
	}
	readers := max(4, runtime.GOMAXPROCS(0))
	cacheKiB := readerCacheKiB(s.opts.PageCache, readers)
	if s.reader, err = s.openPool(ctx, sqlite.Open(buildDSN(base, query, connParams(false, cacheKiB))), readers); err != nil {
		return fmt.Errorf("store: open %s for reading: %w", s.path, err)
	}
	return nil
}

func (s *Store) openPool(ctx context.Context, dial gorm.Dialector, conns int) (*gorm.DB, error) {
	db, err := gorm.Open(dial, &gorm.Config{
		Logger: newGormLogger(s.log),
		// Write already wraps work in a transaction; GORM's implicit one
		// per statement would only add round trips.
		SkipDefaultTransaction: true,
		// Name the columns instead of SELECT *: a connection that prepared
		// SELECT * against an older schema (before a migration by another
		// connection, or by Isso) reports the old column list and silently
		// leaves new columns unset.
		QueryFields: true,
	})
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	// Connections are never recycled: each reopen would rerun the PRAGMAs
	// and, for the writer, could briefly leave two connections.
	sqlDB.SetConnMaxLifetime(0)
	if err := sqlDB.PingContext(ctx); err != nil {
		return nil, closeAfter(err, sqlDB.Close())
	}
	return db, nil
}

// splitDSN separates a path or "file:" DSN from its query parameters and
// rejects in-memory databases, which the separate reader and writer pools
// would see as two different databases.
func splitDSN(path string) (string, url.Values, error) {
	if path == "" {
		return "", nil, fmt.Errorf("store: empty database path")
	}
	base, rawQuery, _ := strings.Cut(path, "?")
	query, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", nil, fmt.Errorf("store: parse DSN %q: %w", base, err)
	}
	if strings.Contains(base, ":memory:") || query.Get("mode") == "memory" {
		return "", nil, fmt.Errorf("store: in-memory databases are not supported")
	}
	return base, query, nil
}

// buildDSN adds Natter's settings to the caller's query, overriding any
// value the caller gave for the same key.
func buildDSN(base string, query url.Values, params [][2]string) string {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	for _, kv := range params {
		q.Set(kv[0], kv[1])
	}
	// go-sqlite3 strips the query from plain paths too, so a plain path
	// stays plain (no URI escaping rules for '#' or '%').
	return base + "?" + q.Encode()
}

func closeAfter(err, closeErr error) error {
	if closeErr != nil {
		return fmt.Errorf("%w (and on close: %v)", err, closeErr)
	}
	return err
}
