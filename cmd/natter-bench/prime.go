package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/sync/errgroup"
)

// prime reads every thread of a freshly seeded database once through
// Natter, which renders the comments' Markdown and stores it
// (natter_rendered), checks the counts, and checkpoints the WAL so the
// database is one file.
func (b *bench) prime(ctx context.Context, path string, sh shape) error {
	n, err := startNatter(ctx, b.bin, path)
	if err != nil {
		return err
	}
	err = primeThreads(ctx, n.base, sh)
	if err == nil {
		err = checkCounts(ctx, n.base, sh)
	}
	if serr := n.stop(); err == nil && serr != nil {
		err = fmt.Errorf("stop natter after priming: %w", serr)
	}
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("checkpoint %s: %w", path, err)
	}
	return nil
}

// primeThreads asks for each whole thread, two at a time per core.
func primeThreads(ctx context.Context, base string, sh shape) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	client := &http.Client{}
	for t := range sh.threads {
		g.Go(func() error {
			res, err := client.Get(base + "/?uri=" + url.QueryEscape(sh.uri(t)))
			if err != nil {
				return fmt.Errorf("prime %s: %w", sh.uri(t), err)
			}
			defer res.Body.Close()
			if _, err := io.Copy(io.Discard, res.Body); err != nil {
				return err
			}
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("prime %s: status %d", sh.uri(t), res.StatusCode)
			}
			return ctx.Err()
		})
	}
	return g.Wait()
}

// checkCounts asks /count for up to 20 threads and compares with the seed.
func checkCounts(ctx context.Context, base string, sh shape) error {
	var uris []string
	for t := range min(sh.threads, 20) {
		uris = append(uris, sh.uri(t))
	}
	body, _ := json.Marshal(uris)
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/count", strings.NewReader(string(body)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("check counts: %w", err)
	}
	defer res.Body.Close()
	var counts []int
	if err := json.NewDecoder(res.Body).Decode(&counts); err != nil {
		return fmt.Errorf("check counts: %w", err)
	}
	for i, c := range counts {
		if c != sh.per {
			return fmt.Errorf("seeded %s has %d comments by /count, want %d", uris[i], c, sh.per)
		}
	}
	if len(counts) != len(uris) {
		return fmt.Errorf("check counts: %d answers for %d threads", len(counts), len(uris))
	}
	return nil
}
