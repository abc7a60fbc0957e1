package store

import (
	"context"
	"database/sql/driver"
	"strings"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"
)

// The writer connection keeps its prepared queries. go-sqlite3 prepares
// (parses and plans) every statement again on every call, and GORM's own
// statement cache re-prepares inside each transaction, where every write
// runs: parsing was a fifth of the writer's time per new comment.

// maxCachedStmts bounds a connection's prepared queries; the write path
// uses a dozen distinct ones.
const maxCachedStmts = 64

// writerConnector opens writer connections that keep their queries and
// hold temporary storage in memory (see openWriter).
type writerConnector struct {
	dsn string
	drv *sqlite3.SQLiteDriver
}

func newWriterConnector(dsn string) writerConnector {
	return writerConnector{dsn: dsn, drv: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// A batch's savepoints journal the pages they change; SQLite
		// spills that journal past 64 kB to a temporary file (created,
		// written and deleted per batch) unless temporary storage is
		// memory. It only serves rolling back one write of a batch:
		// durability is the WAL's.
		_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}}}
}

func (w writerConnector) Connect(context.Context) (driver.Conn, error) {
	c, err := w.drv.Open(w.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{SQLiteConn: c.(*sqlite3.SQLiteConn), stmts: map[string]*cachedStmt{}}, nil
}

func (w writerConnector) Driver() driver.Driver { return w.drv }

// cachingConn is a go-sqlite3 connection whose single-statement queries
// and changes reuse their prepared statement; everything else is
// go-sqlite3's.
type cachingConn struct {
	*sqlite3.SQLiteConn
	stmts map[string]*cachedStmt
}

type cachedStmt struct {
	*sqlite3.SQLiteStmt
	busy atomic.Bool // its rows are open
}

// cacheable excludes what a kept statement could answer differently:
// several statements (go-sqlite3 runs each in turn) and "*", whose column
// list a statement prepared before a schema change keeps.
func cacheable(query string, args []driver.NamedValue) bool {
	if strings.ContainsAny(query, ";*") {
		return false
	}
	for _, a := range args {
		if a.Name != "" {
			return false
		}
	}
	return true
}

// ExecContext runs a change on its kept statement. Only statements that
// return no rows are kept: go-sqlite3 leaves an executed statement as its
// last step left it, which for one returning rows would be still active.
func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if !cacheable(query, args) || !rowless(query) {
		return c.SQLiteConn.ExecContext(ctx, query, args)
	}
	s, err := c.stmt(ctx, query, len(args))
	if err != nil || s == nil || s.busy.Load() {
		return c.SQLiteConn.ExecContext(ctx, query, args)
	}
	res, err := s.ExecContext(ctx, args)
	if err != nil {
		c.drop(query, s)
	}
	return res, err
}

// rowless reports statements that cannot return rows.
func rowless(query string) bool {
	q := strings.ToUpper(strings.TrimSpace(query))
	for _, verb := range []string{"INSERT ", "UPDATE ", "DELETE ", "SAVEPOINT ", "RELEASE "} {
		if strings.HasPrefix(q, verb) {
			return !strings.Contains(q, "RETURNING")
		}
	}
	return false
}

// QueryContext runs query on its kept statement, or as go-sqlite3 does
// when it cannot be kept or is still being read.
func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if !cacheable(query, args) {
		return c.SQLiteConn.QueryContext(ctx, query, args)
	}
	s, err := c.stmt(ctx, query, len(args))
	if err != nil || s == nil || !s.busy.CompareAndSwap(false, true) {
		return c.SQLiteConn.QueryContext(ctx, query, args)
	}
	rows, err := s.QueryContext(ctx, args)
	if err != nil {
		c.drop(query, s)
		return nil, err
	}
	return &cachedRows{SQLiteRows: rows.(*sqlite3.SQLiteRows), s: s}, nil
}

// stmt is query's kept statement, prepared on first use; nil when its
// parameters do not match the arguments (go-sqlite3 reports that).
func (c *cachingConn) stmt(ctx context.Context, query string, nargs int) (*cachedStmt, error) {
	if s, ok := c.stmts[query]; ok {
		return s, nil
	}
	ds, err := c.SQLiteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if ds.NumInput() != nargs {
		return nil, ds.Close()
	}
	if len(c.stmts) >= maxCachedStmts {
		c.evict()
	}
	s := &cachedStmt{SQLiteStmt: ds.(*sqlite3.SQLiteStmt)}
	c.stmts[query] = s
	return s, nil
}

// evict closes every kept statement not being read.
func (c *cachingConn) evict() {
	for q, s := range c.stmts {
		if !s.busy.Load() {
			s.Close()
			delete(c.stmts, q)
		}
	}
}

func (c *cachingConn) drop(query string, s *cachedStmt) {
	delete(c.stmts, query)
	s.Close()
}

// Close finalises the kept statements, then closes the connection.
func (c *cachingConn) Close() error {
	for q, s := range c.stmts {
		s.Close()
		delete(c.stmts, q)
	}
	return c.SQLiteConn.Close()
}

// cachedRows frees its statement for the next query when closed.
type cachedRows struct {
	*sqlite3.SQLiteRows
	s *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.SQLiteRows.Close()
	r.s.busy.Store(false)
	return err
}
