package store

import "testing"

// A periodic job's lock is held by one store at a time on PostgreSQL and
// taken back once released; SQLite, on one machine, always grants it.
func TestTryJobLock_OneHolder(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		a, b := openTest(t, path), openTest(t, path)
		unlock, ok, err := a.TryJobLock(t.Context(), "purge")
		if err != nil || !ok {
			t.Fatalf("first TryJobLock = %v, %v", ok, err)
		}
		other, ok, err := b.TryJobLock(t.Context(), "purge")
		if err != nil {
			t.Fatal(err)
		}
		if want := a.d != postgresDialect; ok != want {
			t.Errorf("second store got the lock: %v, want %v", ok, want)
		}
		if ok {
			if err := other(); err != nil {
				t.Fatal(err)
			}
		}
		if _, ok, err := b.TryJobLock(t.Context(), "other job"); err != nil || !ok {
			t.Errorf("another job's lock: %v, %v", ok, err)
		}
		if err := unlock(); err != nil {
			t.Fatal(err)
		}
		again, ok, err := b.TryJobLock(t.Context(), "purge")
		if err != nil || !ok {
			t.Fatalf("after release: %v, %v", ok, err)
		}
		if err := again(); err != nil {
			t.Fatal(err)
		}
	})
}
