package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/pgtest"
)

// Processes starting together migrate once: on PostgreSQL the advisory
// lock orders them, on SQLite the write lock does.
func TestMigrate_ConcurrentOpens(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		var wg sync.WaitGroup
		stores := make([]*Store, 4)
		for i := range stores {
			wg.Go(func() {
				s, err := Open(context.Background(), Options{Path: path, Logger: testLogger()})
				if err != nil {
					t.Errorf("Open %d: %v", i, err)
					return
				}
				stores[i] = s
			})
		}
		wg.Wait()
		for _, s := range stores {
			if s != nil {
				t.Cleanup(func() { s.Close() })
			}
		}
		if t.Failed() {
			return
		}
		n := scalar[int](t, stores[0].Reader(), "SELECT count(*) FROM natter_migrations")
		if want := len(stores[0].migrations()); n != want {
			t.Errorf("natter_migrations has %d rows, want %d", n, want)
		}
	})
}

// Migrate on an open store (whose writer pool has grown) releases its lock:
// the next process still opens.
func TestMigrate_OpenStoreReleasesItsLock(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		a := openTest(t, path)
		for range 2 {
			if err := a.Migrate(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		b, err := Open(ctx, Options{Path: path, Logger: testLogger()})
		if err != nil {
			t.Fatalf("second store: %v", err)
		}
		b.Close()
	})
}

// ExternalVersion ignores the store's own writes and changes with another
// store's (another process's) on the same database.
func TestExternalVersion_SeesOtherStoresWrites(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		a, b := openTest(t, path), openTest(t, path)
		ctx := t.Context()
		version := func() int64 {
			v, err := a.ExternalVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		v0 := version()
		if err := a.SetPreference(ctx, "probe", "a"); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != v0 {
			t.Errorf("own write changed the version: %d → %d", v0, v)
		}
		if err := b.SetPreference(ctx, "probe", "b"); err != nil {
			t.Fatal(err)
		}
		if v := version(); v == v0 {
			t.Errorf("another store's write left the version at %d", v)
		}
	})
}

// Two stores (processes) claiming the same outbox never take a row twice.
func TestOutbox_ClaimOnceAcrossStores(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		stores := []*Store{openTest(t, path), openTest(t, path)}
		rows := make([]OutboxRow, 60)
		for i := range rows {
			rows[i] = outboxRow("a", 10)
		}
		if _, err := stores[0].Outbox().Enqueue(t.Context(), rows); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for w := range 6 {
			wg.Go(func() {
				for {
					got, err := stores[w%2].Outbox().Claim(context.Background(), 20, 4)
					if err != nil {
						t.Errorf("Claim: %v", err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, r := range got {
						seen[r.ID]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(seen) != len(rows) {
			t.Errorf("%d rows claimed, want %d", len(seen), len(rows))
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("row %d claimed %d times", id, n)
			}
		}
	})
}

// Two processes taking the first comment of a page at once share one
// thread instead of one of them failing on threads.uri's UNIQUE.
func TestInsertThread_ConcurrentStores(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		stores := []*Store{openTest(t, path), openTest(t, path)}
		ids := make([]int64, 8)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Go(func() {
				err := stores[i%2].Comments().Write(context.Background(), func(q comment.Queries) error {
					th, err := q.InsertThread(context.Background(), "/same/", "Same")
					ids[i] = th.ID
					return err
				})
				if err != nil {
					t.Errorf("InsertThread %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		for _, id := range ids {
			if id == 0 || id != ids[0] {
				t.Fatalf("thread ids = %v, want one id", ids)
			}
		}
	})
}

// Read-modify-write of one comment (a vote) from two processes at once
// loses no update.
func TestComment_ConcurrentUpdatesAcrossStores(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		stores := []*Store{openTest(t, path), openTest(t, path)}
		newThread(t, stores[0])
		var id int64
		if err := stores[0].Write(t.Context(), func(tx *gorm.DB) (err error) {
			id, err = insertComment(tx, 1, "liked")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := range 6 {
			wg.Go(func() {
				for range 15 {
					err := stores[i%2].Comments().Write(context.Background(), func(q comment.Queries) error {
						c, err := q.Comment(context.Background(), id)
						if err != nil {
							return err
						}
						return q.UpdateComment(context.Background(), id, map[string]any{"likes": c.Likes + 1})
					})
					if err != nil {
						t.Errorf("vote: %v", err)
						return
					}
				}
			})
		}
		wg.Wait()
		if n := scalar[int](t, stores[1].Reader(), "SELECT likes FROM comments WHERE id = ?", id); n != 90 {
			t.Errorf("likes = %d after 90 votes", n)
		}
	})
}

// A serialisation failure reruns the batch (every body from the start)
// instead of failing the write.
func TestWrite_RetriesSerialisationFailures(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		calls := 0
		err := s.Write(t.Context(), func(tx *gorm.DB) error {
			calls++
			if err := tx.Exec("INSERT INTO preferences (key, value) VALUES ('retried', 'x')").Error; err != nil {
				return err
			}
			if calls == 1 {
				return &pgconn.PgError{Code: "40001", Message: "could not serialize access"}
			}
			return nil
		})
		if err != nil || calls != 2 {
			t.Fatalf("Write = %v after %d calls, want success after 2", err, calls)
		}
		if v, err := s.Preference(t.Context(), "retried"); err != nil || v != "x" {
			t.Errorf("preference = %q, %v", v, err)
		}
	})
}

// A PostgreSQL that refuses writes (a read-only standby, here a read-only
// session) makes writes unavailable, not broken, until it accepts them.
func TestWrite_PostgresReadOnlyIsUnavailable(t *testing.T) {
	s := openTest(t, pgtest.DSN(t))
	ctx := t.Context()
	sqlDB(t, s.Writer()).SetMaxOpenConns(1) // so that SET reaches every writer
	if err := s.Writer().Exec("SET default_transaction_read_only = on").Error; err != nil {
		t.Fatal(err)
	}
	err := s.SetPreference(ctx, "k", "v")
	if !errors.Is(err, ErrUnavailable) || !s.WriteFault() {
		t.Fatalf("write on a read-only server = %v (fault %v), want ErrUnavailable", err, s.WriteFault())
	}
	if err := s.Writer().Exec("SET default_transaction_read_only = off").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(ctx); err != nil || s.WriteFault() {
		t.Errorf("Ready after recovery = %v (fault %v)", err, s.WriteFault())
	}
}

// Isso's tables keep their column names and order on PostgreSQL.
func TestOpen_PostgresHasIssoColumns(t *testing.T) {
	s := openTest(t, pgtest.DSN(t))
	want := map[string]string{
		"preferences": "key value",
		"threads":     "id uri title",
		"comments": "tid id parent created modified mode remote_addr text author email website " +
			"likes dislikes voters notification",
	}
	for table, cols := range want {
		var names []string
		err := s.Reader().Raw(`SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, table).
			Scan(&names).Error
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(names, " "); got != cols {
			t.Errorf("%s columns = %q, want %q", table, got, cols)
		}
	}
}
