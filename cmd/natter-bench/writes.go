package main

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"time"
)

// writers is the number of concurrent clients, as wrk's -c32.
const writers = 32

// writeRound is one load of new comments on a fresh database.
type writeRound struct {
	acked   []int64   // ids of comments answered 201
	lat     []float64 // ms, every request
	errs    int
	firstEr error
	elapsed time.Duration
	cpu     time.Duration
	rows    int64 // comments in the database afterwards
	lost    int   // acknowledged ids missing from it
}

// writes measures new comments on an empty database, o.rounds times, each
// on a fresh file: rate, latency, and that every acknowledged id is stored.
func (b *bench) writes(ctx context.Context) (row, error) {
	var rounds []writeRound
	for i := range b.o.rounds {
		progress("writes: round %d/%d", i+1, b.o.rounds)
		w, err := b.writeRound(ctx, filepath.Join(b.tmp, fmt.Sprintf("writes-%d.db", i)))
		if err != nil {
			return row{}, err
		}
		rounds = append(rounds, w)
	}
	return writeRow(rounds), nil
}

func (b *bench) writeRound(ctx context.Context, db string) (writeRound, error) {
	var w writeRound
	srv, err := startNatter(ctx, b.bin, db)
	if err != nil {
		return w, err
	}
	before, err := cpuTime(srv.pid())
	if err != nil {
		srv.stop()
		return w, err
	}
	loadWrites(ctx, srv.base, b.o.dur, &w)
	after, err := cpuTime(srv.pid())
	w.cpu = after - before
	if serr := srv.stop(); err == nil && serr != nil {
		err = fmt.Errorf("stop natter after writes: %w", serr)
	}
	if err != nil {
		return w, err
	}
	return w, verifyStored(ctx, db, &w)
}

// loadWrites runs the writers until dur has passed. A request started
// before then is always awaited, so every comment Natter acknowledged is
// in w.acked.
func loadWrites(ctx context.Context, base string, dur time.Duration, w *writeRound) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: writers, MaxConnsPerHost: writers}}
	start := time.Now()
	end := start.Add(dur)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range writers {
		wg.Go(func() {
			var acked []int64
			var lat []float64
			var errs int
			var first error
			for n := 0; time.Now().Before(end) && ctx.Err() == nil; n++ {
				t0 := time.Now()
				body, err := post(ctx, client, base, fmt.Sprintf("/load/%d", n%50), newCommentBody(fmt.Sprint(g), n))
				lat = append(lat, float64(time.Since(t0))/float64(time.Millisecond))
				var c struct {
					ID int64 `json:"id"`
				}
				if err == nil {
					err = json.Unmarshal(body, &c)
				}
				if err != nil {
					errs++
					first = cmp.Or(first, err)
					continue
				}
				acked = append(acked, c.ID)
			}
			mu.Lock()
			defer mu.Unlock()
			w.acked, w.lat, w.errs = append(w.acked, acked...), append(w.lat, lat...), w.errs+errs
			w.firstEr = cmp.Or(w.firstEr, first)
		})
	}
	wg.Wait()
	w.elapsed = time.Since(start)
}

// verifyStored opens the stopped server's database read-only and looks
// up every acknowledged id.
func verifyStored(ctx context.Context, path string, w *writeRound) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT id FROM comments")
	if err != nil {
		return fmt.Errorf("read back comments: %w", err)
	}
	defer rows.Close()
	stored := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		stored[id] = true
	}
	w.rows = int64(len(stored))
	for _, id := range w.acked {
		if !stored[id] {
			w.lost++
		}
	}
	return rows.Err()
}

func writeRow(rounds []writeRound) row {
	var rates, p99, p50 []float64
	var cpu time.Duration
	var acked, stored int64
	lost, errs := 0, 0
	var firstErr error
	for _, w := range rounds {
		rates = append(rates, float64(len(w.acked))/w.elapsed.Seconds())
		p50, p99 = append(p50, percentile(w.lat, 50)), append(p99, percentile(w.lat, 99))
		cpu += w.cpu
		acked, stored = acked+int64(len(w.acked)), stored+w.rows
		lost, errs = lost+w.lost, errs+w.errs
		firstErr = cmp.Or(firstErr, w.firstEr)
	}
	ok := median(rates) >= 3000 && median(p99) < 50 && lost == 0 && errs == 0
	r := row{id: "writes", path: "new comments, fresh start, 32 connections",
		natter: rangeOf(rates, "%n") + " comments/s", limit: "–", ratio: "–",
		p99: rangeOf(p99, "%.1f") + " ms", cpu: perRequest(cpu, acked),
		noise: noise(rates, nil), target: "≥ 3,000/s, p99 < 50 ms, none lost", met: verdict(ok)}
	r.notes = append(r.notes, fmt.Sprintf("%s acknowledged (201), %s in the databases after SIGTERM, **%d acknowledged ids missing**; %d failed requests; p50 %s ms; a Go client of %d keep-alive connections, a fresh database per round",
		thousands(acked), thousands(stored), lost, errs, rangeOf(p50, "%.1f"), writers))
	if firstErr != nil {
		r.notes = append(r.notes, "first failure: "+firstErr.Error())
	}
	return r
}
