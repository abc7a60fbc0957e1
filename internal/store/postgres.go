package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"runtime"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the migration lock
	"gorm.io/driver/postgres"
)

// openPostgres opens the writer (one connection while migrating, like
// SQLite's; see addWriters) or the read pool. The read pool's sessions default to read-only transactions,
// so a write sent to it fails as it does on SQLite.
func (s *Store) openPostgres(ctx context.Context, writer bool) error {
	u, err := url.Parse(s.opts.Path)
	if err != nil {
		return fmt.Errorf("store: parse the PostgreSQL URL: %w", redactErr(err))
	}
	q := u.Query()
	if q.Get("application_name") == "" {
		q.Set("application_name", "natter")
	}
	if !writer {
		q.Set("default_transaction_read_only", "on")
	}
	u.RawQuery = q.Encode()
	conns := 1
	if !writer {
		conns = max(4, runtime.GOMAXPROCS(0))
	}
	db, err := s.openPool(ctx, postgres.New(postgres.Config{DSN: u.String()}), conns)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", s.path, err)
	}
	if writer {
		s.writer = db
	} else {
		s.reader = db
	}
	return nil
}

// pgWriters is how many group-commit loops, each on a connection of its
// own, write to PostgreSQL once migrations are done. A commit there costs
// round trips rather than an fsync of a file only one connection may
// write, so overlapping batches pays; rows two batches both change are
// locked (see queries.Comment) and deadlocks retried (commitBatch).
const pgWriters = 4

// addWriters starts the further writer loops once migrations are done.
func (s *Store) addWriters() error {
	sqlDB, err := s.writer.DB()
	if err != nil {
		return err
	}
	sqlDB.SetMaxOpenConns(pgWriters)
	sqlDB.SetMaxIdleConns(pgWriters)
	for range pgWriters - 1 {
		s.writers.Go(s.runWriter)
	}
	return nil
}

// migrationLockKey is the advisory lock Migrate holds on PostgreSQL
// ("natter" in ASCII).
const migrationLockKey = 0x6e6174746572

// migrationLock takes the advisory lock on a connection of its own, not
// one of the pools', so that the lock and its release meet the same
// session whatever the pools do; closing it releases the lock even if the
// unlock fails. SQLite needs none: its write lock orders migrators.
func (s *Store) migrationLock(ctx context.Context) (unlock func() error, err error) {
	if s.d != postgresDialect {
		return func() error { return nil }, nil
	}
	db, err := sql.Open("pgx", s.opts.Path)
	if err != nil {
		return nil, fmt.Errorf("store: migration lock: %w", redactErr(err))
	}
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey)
		if err != nil {
			conn.Close()
		}
	}
	if err != nil {
		return nil, closeAfter(fmt.Errorf("store: take the migration lock: %w", err), db.Close())
	}
	return func() error {
		_, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", migrationLockKey)
		return errors.Join(err, conn.Close(), db.Close())
	}, nil
}

// redactURL masks the password of a database URL for messages.
func redactURL(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable PostgreSQL URL)"
	}
	return u.Redacted()
}

// redactErr drops the URL (and the password in it) from a url.Error.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// pgCode is the SQLSTATE of a PostgreSQL error ("" for other errors).
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// retryable reports a PostgreSQL failure that a rerun of the same
// transaction may not meet: a serialisation failure (the norm under
// SERIALIZABLE, CockroachDB's default) or a deadlock.
func retryable(err error) bool {
	switch pgCode(err) {
	case "40001", "40P01":
		return true
	}
	return false
}

// pgTransient reports a PostgreSQL failure of the environment rather than
// of the statement: the connection (08…), resources such as a full disk
// (53…), an operator's shutdown (57…), a read-only standby (25006), or
// retries that ran out.
func pgTransient(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the caller gave up; the database may be fine
	}
	code := pgCode(err)
	if code != "" {
		switch {
		case code == "25006" || retryable(err):
			return true
		case len(code) == 5:
			switch code[:2] {
			case "08", "53", "57":
				return true
			}
		}
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || pgconn.Timeout(err)
}
