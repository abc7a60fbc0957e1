package store

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestMigrate_IsIdempotent(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		type record struct {
			Version   int
			Name      string
			AppliedAt float64
		}
		var first, second []record
		var keys [2]string
		for i, dst := range []*[]record{&first, &second} {
			s := openTest(t, path)
			if err := s.Migrate(t.Context()); err != nil { // a third run, on an open store
				t.Fatal(err)
			}
			if err := s.Reader().Raw("SELECT version, name, applied_at FROM natter_migrations ORDER BY version").
				Scan(dst).Error; err != nil {
				t.Fatal(err)
			}
			keys[i], _ = s.Preference(t.Context(), PrefSessionKey)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if want := len((&Store{}).migrations()); len(second) != want {
			t.Fatalf("natter_migrations has %d rows, want %d: %+v", len(second), want, second)
		}
		for i := range first {
			if first[i] != second[i] || first[i].Version != i+1 {
				t.Errorf("record %d: first %+v, second %+v", i, first[i], second[i])
			}
		}
		if keys[0] == "" || keys[0] != keys[1] {
			t.Errorf("session-key changed between opens: %q → %q", keys[0], keys[1])
		}
	})
}

func TestMigrate_RefusesNewerSchemas(t *testing.T) {
	tests := []struct{ name, sql string }{
		{"newer Natter", "INSERT INTO natter_migrations VALUES (99, 'future', 0)"},
		{"newer Isso", "PRAGMA user_version = 6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "future.db")
			s := openTest(t, path)
			if tc.name == "newer Isso" {
				// Isso's own migrations only run for a non-fresh, unmigrated file.
				execScript(t, sqlDB(t, s.Writer()), "DELETE FROM natter_migrations")
			}
			execScript(t, sqlDB(t, s.Writer()), tc.sql)
			if s2, err := Open(t.Context(), Options{Path: path, Logger: testLogger()}); err == nil {
				s2.Close()
				t.Error("Open succeeded on a newer schema")
			}
		})
	}
}

func TestPreference(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		execScript(t, sqlDB(t, s.Writer()), "INSERT INTO preferences VALUES ('null-value', NULL)")
		if err := s.SetPreference(ctx, "color", "blue"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPreference(ctx, "color", "green"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			key, want string
			wantErr   error
		}{
			{"color", "green", nil},
			{"missing", "", ErrNotFound},
			{"null-value", "", ErrNotFound},
		}
		for _, tc := range tests {
			t.Run(tc.key, func(t *testing.T) {
				got, err := s.Preference(ctx, tc.key)
				if got != tc.want || !errors.Is(err, tc.wantErr) {
					t.Errorf("Preference(%q) = %q, %v; want %q, %v", tc.key, got, err, tc.want, tc.wantErr)
				}
			})
		}
	})
}

func TestVotersFilter_MatchesIssoProbes(t *testing.T) {
	// isso-compat.md §5.9 test vector for 127.0.0.0.
	probes := []int{142, 1559, 1687, 1944, 678, 139, 195, 413, 641, 1110, 1516}
	want := make([]byte, 256)
	for _, p := range probes {
		want[p/8] |= 1 << (p % 8)
	}
	if got := votersFilter("127.0.0.0"); string(got) != string(want) {
		t.Errorf("votersFilter(127.0.0.0) differs from Isso's filter")
	}
}

func TestOpen_RejectsInMemoryDatabases(t *testing.T) {
	for _, path := range []string{":memory:", "file::memory:?cache=shared", "file:x.db?mode=memory", ""} {
		if s, err := Open(t.Context(), Options{Path: path, Logger: testLogger()}); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

func TestOpen_AcceptsDSN(t *testing.T) {
	path := "file:" + filepath.Join(t.TempDir(), "dsn.db") + "?cache=private&_busy_timeout=1"
	s := openTest(t, path)
	if v := scalar[int](t, s.Writer(), "PRAGMA busy_timeout"); v != 5000 {
		t.Errorf("busy_timeout = %d, want Natter's 5000 to override the DSN", v)
	}
	if v := scalar[int](t, s.Writer(), "PRAGMA synchronous"); v != 2 {
		t.Errorf("synchronous = %d, want 2 (FULL)", v)
	}
	if v := scalar[int](t, s.Reader(), "PRAGMA foreign_keys"); v != 1 {
		t.Errorf("foreign_keys = %d, want 1", v)
	}
}

// TestMigrate_FillsAGap: a start that finds a step unrecorded (here one in
// the middle; in practice one a new release appended) applies it, though
// the schema's highest version is current.
func TestMigrate_FillsAGap(t *testing.T) {
	eachPath(t, func(t *testing.T, path string) {
		s, err := Open(t.Context(), Options{Path: path, Logger: testLogger()})
		if err != nil {
			t.Fatal(err)
		}
		execScript(t, sqlDB(t, s.Writer()), "DELETE FROM natter_migrations WHERE version = 6")
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = openTest(t, path)
		want := len(s.migrations())
		if n := scalar[int](t, s.Reader(), "SELECT count(*) FROM natter_migrations WHERE version = 6"); n != 1 {
			t.Errorf("step 6 recorded %d times after the reopen, want 1", n)
		}
		if n := scalar[int](t, s.Reader(), "SELECT count(*) FROM natter_migrations"); n != want {
			t.Errorf("%d steps recorded, want %d", n, want)
		}
	})
}
