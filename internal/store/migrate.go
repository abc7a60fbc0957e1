package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migration is one of Natter's schema steps. Its version is its position
// in Store.migrations plus one; the list is append-only.
type migration struct {
	name string
	// prepare, if set, runs before the step's transaction, for work that
	// must commit in transactions of its own (Isso's migrations). It must
	// be idempotent: a crash between it and apply reruns it.
	prepare func(ctx context.Context) error
	// apply runs in the transaction that records the step.
	apply func(tx *gorm.DB) error
}

// migrations lists Natter's schema steps in order. Never edit or reorder a
// released step; append a new one. Both dialects share the numbering; a
// step's SQL is adapted per dialect (see dialect.ddl), and a step one
// dialect does not need is empty there.
func (s *Store) migrations() []migration {
	first := migration{name: "isso schema v5", prepare: s.prepareIsso, apply: createIssoTrigger}
	if s.d == postgresDialect {
		first.prepare, first.apply = s.preparePostgres, createPostgresTrigger
	}
	ddl := s.execDDL
	return []migration{
		first,
		{name: "render cache", apply: ddl(ddlRendered)},
		{name: "comments (tid, id) index", apply: ddl(ddlCommentsTID)},
		{name: "admin trash and queue indexes", apply: ddl(append(ddlAdminTrash, ddlAdminIndexes...)...)},
		{name: "admin sessions", apply: ddl(ddlAdminSessions)},
		{name: "write probe", apply: ddl(ddlWriteProbe)},
		{name: "notification outbox", apply: ddl(ddlOutbox...)},
		{name: "moderation link audit", apply: ddl(ddlAudit...)},
		{name: "import map", apply: ddl(ddlImportMap...)},
		{name: "change counter (PostgreSQL)", apply: s.postgresOnly(ddlChanges...)},
		{name: "login failures", apply: ddl(ddlLoginFailures...)},
		{name: "identity cache", apply: ddl(ddlIdentity)},
		{name: "stored answers", apply: s.sqliteOnly(ddlStoredAnswers...)},
	}
}

// execDDL runs Natter's DDL statements adapted to the dialect.
func (s *Store) execDDL(stmts ...string) func(tx *gorm.DB) error {
	out := make([]string, len(stmts))
	for i, stmt := range stmts {
		out[i] = s.d.ddl(stmt)
	}
	return execSQL(out...)
}

// sqliteOnly is a step that PostgreSQL does without.
func (s *Store) sqliteOnly(stmts ...string) func(tx *gorm.DB) error {
	if s.d == postgresDialect {
		return func(*gorm.DB) error { return nil }
	}
	return execSQL(stmts...)
}

// postgresOnly is a step that SQLite does without.
func (s *Store) postgresOnly(stmts ...string) func(tx *gorm.DB) error {
	if s.d != postgresDialect {
		return func(*gorm.DB) error { return nil }
	}
	return s.execDDL(stmts...)
}

// ddlMigrations records applied steps. applied_at is float UNIX seconds,
// like every timestamp Isso stores.
const ddlMigrations = `CREATE TABLE IF NOT EXISTS natter_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)`

// Migrate applies every pending step, each in its own transaction. On
// PostgreSQL it holds an advisory lock throughout, so processes starting
// together migrate one after the other (SQLite's write lock does that).
func (s *Store) Migrate(ctx context.Context) (err error) {
	if s.upToDate(ctx) {
		return nil
	}
	unlock, err := s.migrationLock(ctx)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	if err := s.writer.WithContext(ctx).Exec(s.d.ddl(ddlMigrations)).Error; err != nil {
		return fmt.Errorf("store: create natter_migrations: %w", err)
	}
	current, err := schemaVersion(s.writer.WithContext(ctx))
	if err != nil {
		return err
	}
	steps := s.migrations()
	if current > len(steps) {
		return fmt.Errorf("store: schema version %d is newer than this binary (%d)", current, len(steps))
	}
	for i, m := range steps {
		if err := s.runStep(ctx, i+1, m); err != nil {
			return err
		}
	}
	return nil
}

// upToDate reports, with one read, whether every step is recorded: true
// at every start but the first after an upgrade, which then runs no DDL,
// takes no lock and opens no write transaction. Anything else (no
// natter_migrations yet, a gap, a newer schema, an error) is left to the
// full path, which reports it. The read bypasses GORM's statement log: on
// a new file it fails, as expected.
func (s *Store) upToDate(ctx context.Context) bool {
	db, err := s.writer.DB()
	if err != nil {
		return false
	}
	var n, top int
	err = db.QueryRowContext(ctx, "SELECT count(*), coalesce(max(version), 0) FROM natter_migrations").Scan(&n, &top)
	want := len(s.migrations())
	return err == nil && n == want && top == want
}

// runStep applies one step unless it is recorded. The check sits inside the
// write transaction, so two processes migrating at once apply it once.
func (s *Store) runStep(ctx context.Context, version int, m migration) error {
	var applied bool
	err := s.Write(ctx, func(tx *gorm.DB) error {
		var err error
		applied, err = isApplied(tx, version)
		return err
	})
	if err != nil || applied {
		return err
	}
	if m.prepare != nil {
		if err := m.prepare(ctx); err != nil {
			return err
		}
	}
	err = s.Write(ctx, func(tx *gorm.DB) error {
		if applied, err := isApplied(tx, version); err != nil || applied {
			return err
		}
		if err := m.apply(tx); err != nil {
			return err
		}
		return tx.Exec("INSERT INTO natter_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			version, m.name, unixSeconds(time.Now())).Error
	})
	if err != nil {
		return fmt.Errorf("store: migration %d (%s): %w", version, m.name, err)
	}
	s.log.Info("store: applied migration", "version", version, "name", m.name)
	return nil
}

// SchemaVersion returns the highest applied Natter migration (0 if none).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(s.reader.WithContext(ctx))
}

func schemaVersion(db *gorm.DB) (int, error) {
	var v int
	err := db.Raw("SELECT coalesce(max(version), 0) FROM natter_migrations").Scan(&v).Error
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// Pending returns how many known migrations are not applied yet; a server
// should refuse to start while it is non-zero.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var applied int64
	err := s.reader.WithContext(ctx).Raw("SELECT count(*) FROM natter_migrations WHERE version <= ?",
		len(s.migrations())).Scan(&applied).Error
	if err != nil {
		return 0, fmt.Errorf("store: pending migrations: %w", err)
	}
	return len(s.migrations()) - int(applied), nil
}

func isApplied(tx *gorm.DB, version int) (bool, error) {
	var n int64
	err := tx.Raw("SELECT count(*) FROM natter_migrations WHERE version = ?", version).Scan(&n).Error
	return n > 0, err
}

func execSQL(stmts ...string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		for _, stmt := range stmts {
			if err := tx.Exec(stmt).Error; err != nil {
				return err
			}
		}
		return nil
	}
}

// unixSeconds is Isso's timestamp format: float seconds.
func unixSeconds(t time.Time) float64 {
	return float64(t.UnixNano()) / 1e9
}
