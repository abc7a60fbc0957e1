package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// bench holds what the rows share: the binary, the work and cache
// directories, and the results so far.
type bench struct {
	o      options
	bin    string
	tmp    string // removed at the end
	cache  string // seeded databases, kept between runs
	schema string // hash of Natter's schema, part of the cache key
	rows   []row
	notes  []string
}

func newBench(ctx context.Context, o options) (*bench, error) {
	tmp, err := os.MkdirTemp("", "natter-bench-")
	if err != nil {
		return nil, err
	}
	b := &bench{o: o, tmp: tmp}
	if b.cache, err = cacheDir(); err != nil {
		b.close()
		return nil, err
	}
	progress("building ./cmd/natter")
	if b.bin, err = buildNatter(ctx, tmp); err != nil {
		b.close()
		return nil, err
	}
	if b.schema, err = schemaHash(ctx, filepath.Join(tmp, "schema.db")); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *bench) close() { os.RemoveAll(b.tmp) }

// progress reports on stderr; stdout carries the report.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "natter-bench: "+format+"\n", args...)
}

func cacheDir() (string, error) {
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cache directory: %w", err)
		}
		base = filepath.Join(home, ".cache")
	}
	dir := filepath.Join(base, "natter-bench")
	return dir, os.MkdirAll(dir, 0o755)
}

// schemaHash creates an empty database with Natter's migrations and
// hashes its schema: a cached database seeded under another schema is
// never reused.
func schemaHash(ctx context.Context, path string) (string, error) {
	if err := createSchema(ctx, path); err != nil {
		return "", err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
	if err != nil {
		return "", fmt.Errorf("read schema: %w", err)
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var typ, name, ddl string
		if err := rows.Scan(&typ, &name, &ddl); err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", typ, name, ddl)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], rows.Err()
}

// database returns a private copy of the seeded database sh, seeding and
// caching it first when needed. Runs never touch the cached file.
func (b *bench) database(ctx context.Context, sh shape) (string, error) {
	cached := filepath.Join(b.cache, fmt.Sprintf("%s-v%d-%s.db", sh.name, seedVersion, b.schema))
	if _, err := os.Stat(cached); err != nil {
		if err := b.seedCached(ctx, sh, cached); err != nil {
			return "", err
		}
	}
	b.notef("Database %s (%s threads × %s comments): a copy of %s (seed version %d, schema %s; delete it to seed again).",
		sh.name, thousands(int64(sh.threads)), thousands(int64(sh.per)), cached, seedVersion, b.schema)
	dst := filepath.Join(b.tmp, sh.name+".db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	if err := copyFile(cached, dst); err != nil {
		return "", err
	}
	return dst, nil
}

// seedCached seeds sh, lets Natter render and store every comment's
// Markdown by reading each thread once (as a database written through the
// service would hold it), and moves the result into the cache.
func (b *bench) seedCached(ctx context.Context, sh shape, cached string) error {
	tmp := filepath.Join(b.tmp, "seeding-"+sh.name+".db")
	start := time.Now()
	progress("seeding %s: %d threads × %d comments (cached in %s)", sh.name, sh.threads, sh.per, b.cache)
	if err := seed(ctx, tmp, sh); err != nil {
		return err
	}
	inserted := time.Since(start)
	if err := b.prime(ctx, tmp, sh); err != nil {
		return err
	}
	b.notef("Seeded %s (%s threads × %s comments) in %s: bulk insert %s, then one read per thread through Natter to store the rendered Markdown %s. Cached for later runs.",
		sh.name, thousands(int64(sh.threads)), thousands(int64(sh.per)), round(time.Since(start)), round(inserted), round(time.Since(start)-inserted))
	if err := os.MkdirAll(filepath.Dir(cached), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, cached)
}

func (b *bench) notef(format string, args ...any) {
	b.notes = append(b.notes, fmt.Sprintf(format, args...))
	progress(format, args...)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}

func round(d time.Duration) time.Duration {
	if d > 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(10 * time.Millisecond)
}
