package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The seeded databases: the shape of cmd/natter-seed's load tests,
// one 10,000-comment thread, and a big site.
var (
	shape200 = shape{name: "t200", prefix: "/bench/", threads: 20, per: 200}
	shape10k = shape{name: "t10k", prefix: "/big/", threads: 1, per: 10000}
	shape1M  = shape{name: "m1", prefix: "/bench/", threads: 10000, per: 100}
)

// row is one line of the report, formatted.
type row struct {
	id, path                  string
	natter, limit, ratio, p99 string
	cpu, noise, target, met   string
	notes                     []string
}

// rowOrder is the table, top to bottom.
var rowOrder = []string{"json", "json-gzip", "fragment", "counts", "big-page", "next-read",
	"random-fragment", "random-json", "random-counts", "writes", "cold-empty", "cold-1m",
	"first-visit", "fragment-size"}

func rowIDs() []string { return rowOrder }

func (b *bench) wants(ids ...string) bool {
	if b.o.only == nil {
		return true
	}
	for _, id := range ids {
		if b.o.only[id] {
			return true
		}
	}
	return false
}

func (b *bench) add(r row) {
	b.rows = append(b.rows, r)
	progress("%s: %s, ratio %s, p99 %s, met %s", r.id, r.natter, r.ratio, r.p99, r.met)
}

// failed records a row that could not be measured, and why.
func (b *bench) failed(id, path string, err error) {
	b.add(row{id: id, path: path, met: "not measured", notes: []string{"not measured: " + err.Error()}})
}

// runAll measures every selected row, grouped by database.
func (b *bench) runAll(ctx context.Context) error {
	groups := []struct {
		ids []string
		run func(context.Context) error
	}{
		{[]string{"json", "json-gzip", "fragment", "counts", "first-visit", "fragment-size"}, b.runThread200},
		{[]string{"big-page", "next-read"}, b.runThread10k},
		{[]string{"writes", "cold-empty"}, b.runEmpty},
		{[]string{"random-fragment", "random-json", "random-counts", "cold-1m"}, b.runMillion},
	}
	for _, g := range groups {
		if !b.wants(g.ids...) {
			continue
		}
		if err := g.run(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			for _, id := range g.ids {
				if b.wants(id) && !b.has(id) {
					b.failed(id, "", err)
				}
			}
		}
	}
	slices.SortStableFunc(b.rows, func(x, y row) int {
		return slices.Index(rowOrder, x.id) - slices.Index(rowOrder, y.id)
	})
	return nil
}

func (b *bench) has(id string) bool {
	return slices.ContainsFunc(b.rows, func(r row) bool { return r.id == id })
}

const threadQuery = "&sort=oldest&offset=0&nested_limit=5"

var (
	gzipOnly = map[string]string{"Accept-Encoding": "gzip"}
	htmxGzip = map[string]string{"HX-Request": "true", "Accept-Encoding": "gzip"}
)

func countBody(uris int) string {
	q := make([]string, uris)
	for i := range q {
		q[i] = fmt.Sprintf(`"/bench/%d"`, i)
	}
	return "[" + strings.Join(q, ",") + "]"
}

func atLeast(v float64) func(ratioStats) bool {
	return func(s ratioStats) bool { return median(s.ratios()) >= v }
}

// runRatio measures one ratio row on f, recording a failure as such.
func (b *bench) runRatio(ctx context.Context, f *fixture, spec ratioSpec) {
	if !b.wants(spec.id) {
		return
	}
	s, err := b.measureRatio(ctx, f, spec)
	if err != nil {
		b.failed(spec.id, spec.path, err)
		return
	}
	b.add(ratioRow(spec, s))
}

// runThread200 measures the rows on 20 threads of 200 comments.
func (b *bench) runThread200(ctx context.Context) error {
	f, err := b.fixture(ctx, shape200)
	if err != nil {
		return err
	}
	defer f.stop()
	b.runRatio(ctx, f, ratioSpec{id: "json", path: "Isso thread JSON, 200 comments, plain", target: "keep ≥ 0.9",
		req: request{method: "GET", path: "/?uri=/bench/0" + threadQuery}, judge: atLeast(0.9)})
	b.runRatio(ctx, f, ratioSpec{id: "json-gzip", path: "same, `Accept-Encoding: gzip`", target: "≥ 0.85",
		req: request{method: "GET", path: "/?uri=/bench/0" + threadQuery, headers: gzipOnly}, judge: atLeast(0.85)})
	b.runRatio(ctx, f, ratioSpec{id: "fragment", path: "htmx fragment, same thread, gzip", target: "≥ 0.85",
		req: request{method: "GET", path: "/embed/thread?uri=/bench/0", headers: htmxGzip}, judge: atLeast(0.85)})
	b.runRatio(ctx, f, ratioSpec{id: "counts", path: "counts for 20 pages", target: "≥ 0.8",
		req: request{method: "POST", path: "/count", body: countBody(20),
			headers: map[string]string{"Content-Type": "application/json"}},
		script: "docs/bench/count.lua", judge: atLeast(0.8)})
	if b.wants("first-visit") {
		b.add(b.firstVisit(ctx, f.srv.base))
	}
	if b.wants("fragment-size") {
		b.add(b.fragmentSize(ctx, f.srv.base))
	}
	return nil
}

// runThread10k measures the rows on one 10,000-comment thread.
func (b *bench) runThread10k(ctx context.Context) error {
	f, err := b.fixture(ctx, shape10k)
	if err != nil {
		return err
	}
	defer f.stop()
	b.runRatio(ctx, f, ratioSpec{id: "big-page", path: "widget's first page of a 10,000-comment thread (fragment, gzip)",
		target: "≥ 0.5, p99 < 20 ms",
		req:    request{method: "GET", path: "/embed/thread?uri=/big/0", headers: htmxGzip},
		judge: func(s ratioStats) bool {
			return median(s.ratios()) >= 0.5 && median(p99s(s.natter)) < 20
		}})
	if b.wants("next-read") {
		r, err := b.nextRead(ctx, f.srv.base, "/big/0")
		if err != nil {
			b.failed("next-read", "", err)
		} else {
			b.add(r)
		}
	}
	return nil
}

// budgetSlack is what `natter serve` adds to the cache budget for its
// soft memory limit (internal/cli, memoryHeadroom).
const budgetSlack = 48 << 20

// defaultBudget is [natter] cache-budget's default, which the driver
// leaves in place.
const defaultBudget = 64 << 20

// runMillion measures the rows on 1,000,000 comments over 10,000 threads.
func (b *bench) runMillion(ctx context.Context) error {
	f, err := b.fixture(ctx, shape1M)
	if err != nil {
		return err
	}
	defer f.stop()
	random := func(id, what, path string, headers map[string]string) ratioSpec {
		return ratioSpec{id: id, path: "1,000,000 comments over 10,000 threads, random threads: " + what,
			target: "≥ 5,000 req/s, p99 < 20 ms, inside the memory budget", varies: true,
			req:    request{method: "GET", path: fmt.Sprintf(path, 4711), headers: headers},
			script: "docs/bench/random.lua", env: []string{"NATTER_BENCH_PATH=" + path, "NATTER_BENCH_THREADS=10000"},
			warm: &warmup{path: path, threads: 10000},
			judge: func(s ratioStats) bool {
				return median(reqPerSec(s.natter)) >= 5000 && median(p99s(s.natter)) < 20
			}}
	}
	for _, spec := range []ratioSpec{
		random("random-fragment", "widget fragment, gzip", "/embed/thread?uri=/bench/%d", htmxGzip),
		random("random-json", "Isso JSON, gzip", "/?uri=/bench/%d"+threadQuery, gzipOnly),
	} {
		if !b.wants(spec.id) {
			continue
		}
		s, err := b.measureRatio(ctx, f, spec)
		if err != nil {
			b.failed(spec.id, spec.path, err)
			continue
		}
		b.add(b.withRSS(ratioRow(spec, s), f))
	}
	b.runRatio(ctx, f, ratioSpec{id: "random-counts", path: "same database, counts of 20 random pages, cold start",
		target: "≥ 10,000 req/s", varies: true, restart: true,
		req: request{method: "POST", path: "/count", body: countBody(20),
			headers: map[string]string{"Content-Type": "application/json"}},
		script: "docs/bench/random-count.lua", env: []string{"NATTER_BENCH_THREADS=10000"},
		judge: func(s ratioStats) bool { return median(reqPerSec(s.natter)) >= 10000 }})
	if err := f.stop(); err != nil {
		return err
	}
	if b.wants("cold-1m") {
		b.add(b.coldStart(ctx, "cold-1m", "cold start to `/readyz`, 1,000,000 comments", f.db))
	}
	return nil
}

// withRSS adds the server's resident memory after the row's load to r and
// judges the growth of its anonymous part since the idle start against the
// budget as well: the cache budget bounds Natter's caches and SQLite's page
// caches, the headroom the requests and the collector's slack. The pages
// of the executable's code, read in as code first runs, are the file's,
// not memory the budget could hold back.
func (b *bench) withRSS(r row, f *fixture) row {
	n, err := rss(f.srv.pid())
	if err != nil {
		r.notes = append(r.notes, err.Error())
		return r
	}
	anon, err := anonymous(f.srv.pid())
	if err != nil {
		r.notes = append(r.notes, err.Error())
		return r
	}
	limit := int64(defaultBudget + budgetSlack)
	grown := anon - f.idleAnon
	r.notes = append(r.notes, fmt.Sprintf("server RSS %s after the load (%s idle after its start); its anonymous memory grew by %s (%s → %s), against the cache budget %s plus %s headroom (%s)",
		mib(n), mib(f.idleRSS), mib(grown), mib(f.idleAnon), mib(anon), mib(defaultBudget), mib(budgetSlack), mib(limit)))
	if grown > limit {
		r.met = "**no**"
	}
	return r
}

func mib(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }

// runEmpty measures the rows that start from an empty database.
func (b *bench) runEmpty(ctx context.Context) error {
	if b.wants("writes") {
		r, err := b.writes(ctx)
		if err != nil {
			b.failed("writes", "", err)
		} else {
			b.add(r)
		}
	}
	if b.wants("cold-empty") {
		db := b.tmp + "/empty.db"
		first, err := startNatter(ctx, b.bin, db)
		if err != nil {
			return err
		}
		if err := first.stop(); err != nil {
			return err
		}
		r := b.coldStart(ctx, "cold-empty", "cold start to `/readyz`, empty database", db)
		r.notes = append(r.notes, fmt.Sprintf("the first start, which created and migrated the file, took %s",
			first.ready.Round(100*time.Microsecond)))
		b.add(r)
	}
	return nil
}
