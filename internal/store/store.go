// Package store owns Natter's database, SQLite or PostgreSQL: opening it
// for a server, keeping Isso's schema compatible (byte-for-byte on SQLite),
// and running Natter's own append-only migrations on top of it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"sync/atomic"

	"gorm.io/gorm"
)

// ErrNotFound reports that a requested row does not exist.
var ErrNotFound = errors.New("store: not found")

// Options configures Open.
type Options struct {
	// Path is the SQLite file, either a plain path or a "file:" DSN whose
	// query parameters are kept (Natter's own connection settings win),
	// or a PostgreSQL URL (see IsPostgres).
	Path string
	// Logger receives warnings and errors; nil means slog.Default().
	Logger *slog.Logger
	// LegacySessionKey is isso.cfg's [general] session-key, if any. Isso's
	// migration 1→2 stores it as the session-key preference; it is unused
	// for databases already at user_version 2 or later.
	LegacySessionKey string
	// PageCache is the memory SQLite's connections may take together,
	// part of the site's cache budget: the readers' page caches get what
	// the writer's cache and every connection's own overhead leave, each
	// at least SQLite's default of 2 MB.
	PageCache int64
}

// Store is an open database: one writer connection (on PostgreSQL, once
// migrated, pgWriters) and a pool of readers.
type Store struct {
	reader *gorm.DB
	writer *gorm.DB
	log    *slog.Logger
	opts   Options
	d      dialect
	path   string      // the database file (or the URL, password masked), for messages
	fault  atomic.Bool // the last write failed for a transient reason

	// counting turns on the change counter (PostgreSQL, once migrated);
	// ownChanges counts this process's bumps of it (see ExternalVersion).
	counting   atomic.Bool
	ownChanges atomic.Int64
	instance   string // names this store's rows in natter_changes
	// answers is set when stored answers are in use (answers.go), with
	// their read prepared on the read pool.
	answers      bool
	storedAnswer *sql.Stmt
	loops        atomic.Int64 // writer loops started, for their names

	writes  chan writeReq                  // to the group-commit loops
	batches atomic.Pointer[func(size int)] // see ObserveWriteBatches
	writers sync.WaitGroup                 // the running loops
	sendMu  sync.RWMutex                   // held for reading while sending on writes
	stopped bool

	closeOnce sync.Once
	closeErr  error
}

// Open opens (creating if needed) the database and brings it up to date.
// It does not check the file's integrity (see QuickCheck), which would
// read all of it.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Store{log: opts.Logger, opts: opts, d: dialectOf(opts.Path), instance: newInstance()}
	if err := s.checkPath(); err != nil {
		return nil, err
	}
	if err := s.openWriter(ctx); err != nil {
		return nil, err
	}
	// Migrations already write through the group-commit loop.
	s.writes = make(chan writeReq)
	s.writers.Go(s.runWriter)
	if err := s.Migrate(ctx); err != nil {
		return nil, errors.Join(err, s.closeAll())
	}
	if s.d == postgresDialect {
		s.counting.Store(true)
		if err := s.addWriters(); err != nil {
			return nil, errors.Join(err, s.closeAll())
		}
	}
	if err := s.openReaders(ctx); err != nil {
		return nil, errors.Join(err, s.closeAll())
	}
	if err := s.enableStoredAnswers(ctx); err != nil {
		return nil, errors.Join(err, s.closeAll())
	}
	return s, nil
}

// checkPath validates a SQLite path and sets s.path for messages.
func (s *Store) checkPath() error {
	if s.d == postgresDialect {
		s.path = redactURL(s.opts.Path)
		return nil
	}
	base, query, err := splitDSN(s.opts.Path)
	if err != nil {
		return err
	}
	s.path = base
	if p := filePath(base); p != "" && !readOnlyQuery(query) {
		s.path = p
		return checkWritable(p)
	}
	return nil
}

// readOnly reports a SQLite file opened with mode=ro.
func (s *Store) readOnly() bool {
	_, query, err := splitDSN(s.opts.Path)
	return err == nil && readOnlyQuery(query)
}

func readOnlyQuery(query url.Values) bool { return query.Get("mode") == "ro" }

// Reader returns the read-only connection pool; it refuses writes.
func (s *Store) Reader() *gorm.DB { return s.reader }

// Writer returns the single-connection writer. Prefer Write for anything
// that changes more than one row.
func (s *Store) Writer() *gorm.DB { return s.writer }

// Ping checks that both pools can reach the database.
func (s *Store) Ping(ctx context.Context) error {
	for name, db := range map[string]*gorm.DB{"reader": s.reader, "writer": s.writer} {
		sqlDB, err := db.DB()
		if err != nil {
			return fmt.Errorf("store: ping %s (%s): %w", s.path, name, err)
		}
		if err := sqlDB.PingContext(ctx); err != nil {
			return fmt.Errorf("store: ping %s (%s): %w", s.path, name, err)
		}
	}
	return nil
}

// Write runs fn atomically on the writer and returns once its changes are
// committed; an error from fn (or a panic) rolls back fn's changes only.
// Concurrent writes may share a transaction (see runWriter), so fn must
// not keep state across calls. The transaction starts with BEGIN
// IMMEDIATE, so it holds SQLite's write lock from its first statement and
// never has to be upgraded (an upgrade is what fails with "database is
// locked").
func (s *Store) Write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	req := writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	if err := s.enqueue(req); err != nil {
		return err
	}
	if err := <-req.done; err != nil {
		return s.writeFailed(err)
	}
	s.writeSucceeded()
	return nil
}

// Close checkpoints the WAL into the main file and closes both pools.
// Later calls return the first call's result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.stopWriter()
		s.closeErr = s.close()
	})
	return s.closeErr
}

func (s *Store) close() error {
	// Readers go first: a reader holding a snapshot would stop the
	// checkpoint short. TRUNCATE leaves an empty -wal file behind, so the
	// .db file alone is complete (naive backups, Isso opening it later).
	errs := []error{closeDB(s.reader)}
	if s.d == postgresDialect {
		return errors.Join(append(errs, closeDB(s.writer))...)
	}
	if err := s.writer.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		errs = append(errs, fmt.Errorf("store: checkpoint: %w", err))
	}
	errs = append(errs, closeDB(s.writer))
	return errors.Join(errs...)
}

func (s *Store) enqueue(req writeReq) error {
	s.sendMu.RLock()
	defer s.sendMu.RUnlock()
	if s.stopped {
		return errClosed
	}
	select {
	case s.writes <- req:
		return nil
	case <-req.ctx.Done():
		return req.ctx.Err()
	}
}

// stopWriter lets queued writes finish, then ends the group-commit loop.
func (s *Store) stopWriter() {
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	if s.stopped || s.writes == nil {
		return
	}
	s.stopped = true
	close(s.writes)
	s.writers.Wait()
}

func (s *Store) closeAll() error {
	s.stopWriter()
	var stmtErr error
	if s.storedAnswer != nil {
		stmtErr = s.storedAnswer.Close()
	}
	return errors.Join(stmtErr, closeDB(s.reader), closeDB(s.writer))
}

func closeDB(db *gorm.DB) error {
	if db == nil {
		return nil
	}
	sqlDB, err := db.DB()
	if err == nil {
		err = sqlDB.Close()
	}
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}
