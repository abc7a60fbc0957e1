package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// maxBatch bounds how many writes share one commit.
const maxBatch = 64

// writeReq is one caller's transaction body waiting for the writer.
type writeReq struct {
	ctx  context.Context
	fn   func(tx *gorm.DB) error
	done chan error
}

// errClosed is returned to writers queued when the store closes.
var errClosed = errors.New("store: closed")

// runWriter is the group-commit loop: it takes every write waiting at the
// moment, runs each in its own savepoint of one transaction and commits
// once. With synchronous=FULL a commit costs an fsync, so concurrent posts
// share it instead of queueing for one each; every caller is still answered
// only after the commit that contains its write.
func (s *Store) runWriter() {
	writer := s.writerName()
	for req := range s.writes {
		batch := []writeReq{req}
	drain:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-s.writes:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.commitBatch(batch, writer)
	}
}

// maxAttempts bounds how often a batch runs when PostgreSQL (or a
// distributed engine on its wire protocol) asks for a retry.
const maxAttempts = 5

// errRetry aborts a batch's transaction so that it runs again.
var errRetry = errors.New("store: retry the batch")

// commitBatch runs a batch in one transaction. This is the one place that
// retries serialisation failures and deadlocks: any write of the batch
// meeting one aborts the whole transaction (CockroachDB cannot continue
// one after it), which then runs again, every body from the start, after
// a short pause. SQLite never reports them (it waits for its lock).
func (s *Store) commitBatch(batch []writeReq, writer string) {
	results := make([]error, len(batch))
	for attempt := 1; ; attempt++ {
		err := s.commitOnce(batch, results, writer)
		if attempt < maxAttempts && (errors.Is(err, errRetry) || retryable(err)) {
			time.Sleep(time.Duration(attempt*attempt) * 5 * time.Millisecond)
			continue
		}
		// Observed before the callers hear back, so that a write's batch
		// is counted once the write returns.
		if observe := s.batches.Load(); observe != nil {
			(*observe)(len(batch))
		}
		s.answer(batch, results, err)
		return
	}
}

func (s *Store) commitOnce(batch []writeReq, results []error, writer string) error {
	counted := false
	err := s.writer.Transaction(func(tx *gorm.DB) error {
		for i, r := range batch {
			if s.d == postgresDialect && r.ctx.Err() == nil {
				// pgx breaks the connection when a statement's context
				// ends mid-way, which would fail the whole batch.
				r.ctx = context.WithoutCancel(r.ctx)
			}
			results[i] = runSavepoint(tx.WithContext(r.ctx), r)
		}
		if slices.ContainsFunc(results, retryable) {
			return errRetry
		}
		var err error
		counted, err = s.countChange(tx, results, writer)
		return err
	})
	if err == nil && counted {
		s.ownChanges.Add(1)
	}
	return err
}

// answer tells every caller of a batch how it ended.
func (s *Store) answer(batch []writeReq, results []error, err error) {
	if errors.Is(err, errRetry) {
		// Out of attempts: the whole batch was rolled back.
		err = results[slices.IndexFunc(results, retryable)]
	}
	for i, r := range batch {
		if err != nil && results[i] == nil {
			results[i] = fmt.Errorf("store: commit: %w", err)
		}
		r.done <- results[i]
	}
}

// runSavepoint runs one caller's body so that its failure (or panic) rolls
// back only its own changes. The savepoint is released either way: left
// open, each write's savepoint nested in the previous ones and SQLite
// journalled the pages a write changed once per open savepoint, a cost
// that grew with the batch.
func runSavepoint(tx *gorm.DB, r writeReq) (err error) {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if err := tx.SavePoint("w").Error; err != nil {
		return fmt.Errorf("store: savepoint: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: write panicked: %v", p)
		}
		if err == nil {
			if err = release(tx); err == nil {
				return
			}
		}
		if rbErr := tx.RollbackTo("w").Error; rbErr != nil {
			err = errors.Join(err, rbErr)
			return
		}
		if relErr := release(tx); relErr != nil {
			err = errors.Join(err, relErr)
		}
	}()
	return r.fn(tx)
}

// release ends savepoint "w", keeping its changes in the transaction.
func release(tx *gorm.DB) error {
	if err := tx.Exec("RELEASE SAVEPOINT w").Error; err != nil {
		return fmt.Errorf("store: release savepoint: %w", err)
	}
	return nil
}

// ObserveWriteBatches calls observe with the size of every write batch the
// group-commit loops commit (or fail), e.g. for a metric; nil stops it.
// observe runs on a writer loop and must be quick.
func (s *Store) ObserveWriteBatches(observe func(size int)) {
	if observe == nil {
		s.batches.Store(nil)
		return
	}
	s.batches.Store(&observe)
}
