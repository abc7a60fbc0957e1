package store

import (
	"context"
	"errors"
	"fmt"

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
	defer close(s.writerDone)
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
		s.commitBatch(batch)
	}
}

func (s *Store) commitBatch(batch []writeReq) {
	results := make([]error, len(batch))
	err := s.writer.Transaction(func(tx *gorm.DB) error {
		for i, r := range batch {
			results[i] = runSavepoint(tx.WithContext(r.ctx), r)
		}
		return nil
	})
	for i, r := range batch {
		if err != nil && results[i] == nil {
			results[i] = fmt.Errorf("store: commit: %w", err)
		}
		r.done <- results[i]
	}
}

// runSavepoint runs one caller's body so that its failure (or panic) rolls
// back only its own changes.
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
		if err != nil {
			if rbErr := tx.RollbackTo("w").Error; rbErr != nil {
				err = errors.Join(err, rbErr)
			}
		}
	}()
	return r.fn(tx)
}
