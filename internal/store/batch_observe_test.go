package store

import (
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// Every write is counted in exactly one observed batch, and a batch never
// exceeds maxBatch.
func TestObserveWriteBatches(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "natter.db"))
	var batches, writes, over atomic.Int64
	s.ObserveWriteBatches(func(size int) {
		batches.Add(1)
		writes.Add(int64(size))
		if size < 1 || size > maxBatch {
			over.Add(1)
		}
	})
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			if err := s.Write(t.Context(), func(*gorm.DB) error { return nil }); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	s.ObserveWriteBatches(nil)
	if err := s.Write(t.Context(), func(*gorm.DB) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if writes.Load() != 100 || batches.Load() < 1 || over.Load() != 0 {
		t.Errorf("observed %d writes in %d batches (%d out of range), want 100", writes.Load(), batches.Load(), over.Load())
	}
}
