package store

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/natter/natter/models"
	"gorm.io/gorm"
)

// newThread creates thread 1 for the write tests.
func newThread(t testing.TB, s *Store) {
	t.Helper()
	err := s.Write(context.Background(), func(tx *gorm.DB) error {
		return tx.Create(&models.Thread{ID: 1, URI: "/busy"}).Error
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWrite_ConcurrentInsertsNeverLock(t *testing.T) {
	tests := []struct {
		name             string
		writers, readers int
		perWriter        int
	}{
		{"50 writers", 50, 0, 10},
		{"50 writers and 20 readers", 50, 20, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t, filepath.Join(t.TempDir(), "busy.db"))
			newThread(t, s)
			var acked atomic.Int64
			stop := make(chan struct{})
			var readers sync.WaitGroup
			for range tc.readers {
				readers.Go(func() { readUntil(t, s, stop) })
			}
			start := make(chan struct{})
			var writers sync.WaitGroup
			for range tc.writers {
				writers.Go(func() {
					<-start
					for range tc.perWriter {
						err := s.Write(t.Context(), func(tx *gorm.DB) error {
							_, err := insertComment(tx, 1, "concurrent")
							return err
						})
						if err != nil {
							t.Errorf("Write: %v", err)
							return
						}
						acked.Add(1)
					}
				})
			}
			close(start)
			writers.Wait()
			close(stop)
			readers.Wait()
			n := scalar[int64](t, s.Reader(), "SELECT count(*) FROM comments")
			if want := int64(tc.writers * tc.perWriter); n != acked.Load() || n != want {
				t.Errorf("rows = %d, acknowledged = %d, want %d", n, acked.Load(), want)
			}
		})
	}
}

// readUntil lists the thread's comments until stop is closed, pausing
// briefly between reads as page views would (a tight loop on two cores
// would only measure CPU starvation).
func readUntil(t *testing.T, s *Store, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Millisecond):
		}
		var comments []models.Comment
		if err := s.Reader().WithContext(t.Context()).Where("tid = ?", 1).Find(&comments).Error; err != nil {
			t.Errorf("read: %v", err)
			return
		}
	}
}

func TestWrite_RollsBackOnError(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		newThread(t, s)
		err := s.Write(t.Context(), func(tx *gorm.DB) error {
			if _, err := insertComment(tx, 1, "doomed"); err != nil {
				return err
			}
			_, err := insertComment(tx, 999, "no such thread: foreign key fails")
			return err
		})
		if err == nil {
			t.Fatal("Write with a dangling tid succeeded; want a foreign key error")
		}
		if n := scalar[int](t, s.Reader(), "SELECT count(*) FROM comments"); n != 0 {
			t.Errorf("%d rows survived a rolled-back transaction", n)
		}
	})
}

func TestReader_RefusesWrites(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.Reader().Exec("INSERT INTO threads (uri) VALUES ('/x')").Error; err == nil {
			t.Error("insert through the reader pool succeeded; want query_only to refuse it")
		}
	})
}

func BenchmarkWriteComment(b *testing.B) {
	s := openTest(b, filepath.Join(b.TempDir(), "bench.db"))
	newThread(b, s)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			err := s.Write(context.Background(), func(tx *gorm.DB) error {
				_, err := insertComment(tx, 1, "benchmark")
				return err
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}
