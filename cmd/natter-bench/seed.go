package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"

	_ "github.com/mattn/go-sqlite3" // the project's SQLite driver

	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/remoteaddr"
	"github.com/natter/natter/internal/seedtext"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/voters"
)

// seedVersion names the shape and texts the seeder writes; bump it when
// either changes so cached databases are rebuilt.
const seedVersion = 1

// shape is a database to seed: threads prefix0, prefix1, … with per
// comments each.
type shape struct {
	name    string // cache file stem
	prefix  string // thread URI prefix, e.g. "/bench/"
	threads int
	per     int
}

func (s shape) uri(i int) string { return fmt.Sprintf("%s%d", s.prefix, i) }

// createSchema lets Natter's own store create and migrate the database,
// so the bulk insert writes into exactly the schema the service reads.
func createSchema(ctx context.Context, path string) error {
	cfg, _, err := config.Embedded([]string{"NATTER_GENERAL_DBPATH=" + path, "NATTER_GUARD_ENABLED=false"})
	if err != nil {
		return fmt.Errorf("config for %s: %w", path, err)
	}
	st, err := site.Open(ctx, cfg, site.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("open %s with the service: %w", path, err)
	}
	return st.Close()
}

// seed creates path with Natter's schema and fills it in one transaction:
// the rows look like those cmd/natter-seed writes through the service (a
// third replies, 8–90 words with some Markdown). Rendered Markdown is not
// written; the service renders and stores it on the first read of each
// thread (natter_rendered), which prime does.
func seed(ctx context.Context, path string, sh shape) error {
	if err := createSchema(ctx, path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_synchronous=OFF&_foreign_keys=1")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := insertAll(ctx, tx, sh); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

const insertComment = `INSERT INTO comments (tid, id, parent, created, modified, mode,
	remote_addr, text, author, email, website, likes, dislikes, voters, notification)
	VALUES (?, ?, ?, ?, NULL, 1, ?, ?, ?, ?, NULL, 0, 0, ?, 0)`

// insertAll writes every thread and comment with prepared statements.
func insertAll(ctx context.Context, tx *sql.Tx, sh shape) error {
	thr, err := tx.PrepareContext(ctx, "INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)")
	if err != nil {
		return fmt.Errorf("prepare threads: %w", err)
	}
	defer thr.Close()
	com, err := tx.PrepareContext(ctx, insertComment)
	if err != nil {
		return fmt.Errorf("prepare comments: %w", err)
	}
	defer com.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	var id int64
	const epoch = 1.7e9 // 2023-11-14, so relative times read "years ago"
	for t := range sh.threads {
		tid := int64(t + 1)
		if _, err := thr.ExecContext(ctx, tid, sh.uri(t), "Bench "+sh.uri(t)); err != nil {
			return fmt.Errorf("thread %d: %w", t, err)
		}
		var tops []int64
		for i := range sh.per {
			id++
			var parent any
			if i%3 == 2 && len(tops) > 0 {
				parent = tops[rng.IntN(len(tops))]
			} else {
				tops = append(tops, id)
			}
			addr := remoteaddr.Anonymize(fmt.Sprintf("10.%d.%d.1", i%200, t%200))
			_, err := com.ExecContext(ctx, tid, id, parent, epoch+float64(id)*60, addr, seedtext.Comment(rng, i),
				fmt.Sprintf("Reader %d", i), fmt.Sprintf("reader%d@example.org", i%50), voters.New(addr).Bytes())
			if err != nil {
				return fmt.Errorf("comment %d: %w", id, err)
			}
		}
	}
	return nil
}
