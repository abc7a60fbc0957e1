// Package pgtest gives a test a PostgreSQL database of its own: a fresh
// schema in the database named by NATTER_TEST_POSTGRES, dropped when the
// test ends. It starts no server; .ci/run starts one and sets the variable.
// Without it, PostgreSQL tests skip, except under CI=true, where a missing
// server is a failure rather than a silent gap.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// EnvDSN names the variable holding the test server's URL.
const EnvDSN = "NATTER_TEST_POSTGRES"

// EnvStore set to "postgres" makes testsite build every test site on
// PostgreSQL (see Wanted).
const EnvStore = "NATTER_TEST_STORE"

// howTo says how to enable the PostgreSQL tests.
const howTo = "set " + EnvDSN + " to a database URL such as " +
	"postgres://natter@127.0.0.1:55432/natter_test?sslmode=disable (bash .ci/run starts a server and sets it)"

// Skipping is the message of a skipped PostgreSQL test.
const Skipping = "PostgreSQL tests skipped: " + howTo

// Wanted reports whether test sites should use PostgreSQL: NATTER_TEST_STORE
// is "postgres".
func Wanted() bool { return os.Getenv(EnvStore) == "postgres" }

// DSN returns the URL of a new empty schema (through search_path) in the
// test server's database, dropped at the end of the test. Without a
// server it skips t, or fails it under CI=true.
func DSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvDSN)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL tests must run under CI=true: " + howTo)
		}
		t.Skip(Skipping)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvDSN, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "natter_test_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", EnvDSN, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		t.Fatalf("%s: create schema: %v", EnvDSN, err)
	}
	t.Cleanup(func() {
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
