package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
)

// jobLockBase offsets the advisory lock keys of periodic jobs from the
// migration lock's.
const jobLockBase = migrationLockKey + 1

// TryJobLock takes the lock of a periodic job (such as "purge") if no
// other process holds it: ok is false when one does, and the caller skips
// its pass. On PostgreSQL it is a session advisory lock
// (pg_try_advisory_lock) on a connection of its own, which unlock releases
// and closes; on SQLite, where one machine runs the jobs, it always
// succeeds.
func (s *Store) TryJobLock(ctx context.Context, job string) (unlock func() error, ok bool, err error) {
	if s.d != postgresDialect {
		return func() error { return nil }, true, nil
	}
	h := fnv.New32a()
	h.Write([]byte(job))
	key := jobLockBase + int64(h.Sum32())
	db, err := sql.Open("pgx", s.opts.Path)
	if err != nil {
		return nil, false, fmt.Errorf("store: %s lock: %w", job, redactErr(err))
	}
	conn, err := db.Conn(ctx)
	if err == nil {
		err = conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&ok)
		if err != nil || !ok {
			err = errors.Join(err, conn.Close())
		}
	}
	if err != nil || !ok {
		err = errors.Join(err, db.Close())
		if err != nil {
			return nil, false, fmt.Errorf("store: take the %s lock: %w", job, err)
		}
		return nil, false, nil
	}
	return func() error {
		_, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", key)
		return errors.Join(err, conn.Close(), db.Close())
	}, true, nil
}

// TryJobLock is Store.TryJobLock, for the comment service's jobs.
func (c Comments) TryJobLock(ctx context.Context, job string) (func() error, bool, error) {
	return c.s.TryJobLock(ctx, job)
}
