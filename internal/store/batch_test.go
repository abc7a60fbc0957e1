package store

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"
)

// One batch mixing writes that succeed, fail and panic after changing
// rows: each failure rolls back its own rows only, and every caller hears
// its own outcome.
func TestCommitBatch_FailuresRollBackAlone(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		newThread(t, s)
		errOwn := errors.New("refused")
		bodies := []func(tx *gorm.DB) error{
			insertThen("kept 1", nil),
			insertThen("failed", errOwn),
			insertThen("kept 2", nil),
			func(tx *gorm.DB) error { insertComment(tx, 1, "panicked"); panic("boom") },
			insertThen("kept 3", nil),
			insertThen("failed again", errOwn),
			insertThen("kept 4", nil),
		}
		batch := make([]writeReq, len(bodies))
		for i, fn := range bodies {
			batch[i] = writeReq{ctx: context.Background(), fn: fn, done: make(chan error, 1)}
		}
		s.commitBatch(batch, s.writerName())
		for i, r := range batch {
			err := <-r.done
			switch i {
			case 1, 5:
				if !errors.Is(err, errOwn) {
					t.Errorf("write %d: err = %v, want its own", i, err)
				}
			case 3:
				if err == nil {
					t.Errorf("write %d panicked but succeeded", i)
				}
			default:
				if err != nil {
					t.Errorf("write %d: %v", i, err)
				}
			}
		}
		var texts []string
		if err := s.Reader().Raw("SELECT text FROM comments ORDER BY id").Scan(&texts).Error; err != nil {
			t.Fatal(err)
		}
		if got := joinLines(texts); got != "kept 1\nkept 2\nkept 3\nkept 4" {
			t.Errorf("stored:\n%s", got)
		}
	})
}

func insertThen(text string, err error) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		if _, ierr := insertComment(tx, 1, text); ierr != nil {
			return ierr
		}
		return err
	}
}
