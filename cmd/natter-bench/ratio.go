package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"time"
)

// fixture is a database copy and the Natter process serving it.
type fixture struct {
	b   *bench
	db  string
	srv *natter
	// idleRSS and idleAnon are the server's resident memory, all of it
	// and its anonymous part, right after its start.
	idleRSS, idleAnon int64
}

func (b *bench) fixture(ctx context.Context, sh shape) (*fixture, error) {
	db, err := b.database(ctx, sh)
	if err != nil {
		return nil, err
	}
	f := &fixture{b: b, db: db}
	return f, f.restart(ctx)
}

// restart stops the server if it runs and starts a fresh one: a cold
// start on the same database.
func (f *fixture) restart(ctx context.Context) error {
	if err := f.stop(); err != nil {
		return err
	}
	srv, err := startNatter(ctx, f.b.bin, f.db)
	f.srv = srv
	if err != nil {
		return err
	}
	f.idleRSS, err = rss(srv.pid())
	if err != nil {
		return err
	}
	f.idleAnon, err = anonymous(srv.pid())
	return err
}

func (f *fixture) stop() error {
	if f.srv == nil {
		return nil
	}
	err := f.srv.stop()
	f.srv = nil
	return err
}

// ratioSpec is a throughput row measured against the limit server.
type ratioSpec struct {
	id, path, target string
	req              request // captured for the limit; wrk sends it too unless script is set
	script           string  // wrk Lua script under docs/bench/ for bodies or random URIs
	env              []string
	varies           bool // requests differ; the limit serves one representative answer
	restart          bool // cold start: a fresh server before each of Natter's rounds (after the capture)
	warm             *warmup
	judge            func(s ratioStats) bool
}

// ratioStats are the alternating rounds of one row.
type ratioStats struct {
	natter, limit       []wrkResult
	natterCPU, limitCPU time.Duration
	bytes               int // captured body
	warmed              time.Duration
}

func (s ratioStats) ratios() []float64 {
	out := make([]float64, len(s.natter))
	for i := range s.natter {
		out[i] = s.natter[i].ReqPerSec / s.limit[i].ReqPerSec
	}
	return out
}

func reqPerSec(rs []wrkResult) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = r.ReqPerSec
	}
	return out
}

func p99s(rs []wrkResult) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = float64(r.P99) / float64(time.Millisecond)
	}
	return out
}

func requests(rs []wrkResult) (n int64) {
	for _, r := range rs {
		n += r.Requests
	}
	return n
}

// measureRatio captures Natter's answer, starts the limit server on it
// and runs wrk against both in turn, o.rounds times.
func (b *bench) measureRatio(ctx context.Context, f *fixture, spec ratioSpec) (ratioStats, error) {
	var s ratioStats
	c, err := capture(ctx, f.srv.base, spec.req)
	if err != nil {
		return s, err
	}
	if c.status >= 300 {
		return s, fmt.Errorf("%s: Natter answered %d to the captured request", spec.id, c.status)
	}
	s.bytes = len(c.body)
	if spec.warm != nil {
		progress("%s: warm-up, every thread once", spec.id)
		if s.warmed, err = warmAll(ctx, f.srv.base, spec.req, *spec.warm); err != nil {
			return s, err
		}
	}
	lim, err := startLimit(c)
	if err != nil {
		return s, err
	}
	defer lim.stop()
	job := wrkJob{headers: headerList(spec.req.headers), script: spec.script, env: spec.env, dur: b.o.dur}
	for i := range b.o.rounds {
		progress("%s: round %d/%d", spec.id, i+1, b.o.rounds)
		if spec.restart {
			if err := f.restart(ctx); err != nil {
				return s, err
			}
		}
		r, cpu, err := measured(ctx, f.srv.pid(), job, f.srv.base+spec.req.path)
		if err != nil {
			return s, err
		}
		s.natter, s.natterCPU = append(s.natter, r), s.natterCPU+cpu
		r, cpu, err = measured(ctx, os.Getpid(), job, lim.url()+spec.req.path)
		if err != nil {
			return s, err
		}
		s.limit, s.limitCPU = append(s.limit, r), s.limitCPU+cpu
	}
	return s, nil
}

// measured runs wrk against url and returns the CPU pid used meanwhile.
func measured(ctx context.Context, pid int, job wrkJob, url string) (wrkResult, time.Duration, error) {
	job.url = url
	before, err := cpuTime(pid)
	if err != nil {
		return wrkResult{}, 0, err
	}
	r, err := runWrk(ctx, job)
	if err != nil {
		return r, 0, err
	}
	after, err := cpuTime(pid)
	return r, after - before, err
}

func headerList(h map[string]string) []string {
	var out []string
	for k, v := range h {
		out = append(out, k+": "+v)
	}
	slices.Sort(out)
	return out
}

// ratioRow formats a measured row.
func ratioRow(spec ratioSpec, s ratioStats) row {
	r := row{
		id: spec.id, path: spec.path, target: spec.target,
		natter: rangeOf(reqPerSec(s.natter), "%n") + " req/s",
		limit:  rangeOf(reqPerSec(s.limit), "%n") + " req/s",
		ratio:  rangeOf(s.ratios(), "%.2f"),
		p99:    rangeOf(p99s(s.natter), "%.1f") + " ms",
		cpu: fmt.Sprintf("%s (limit %s)", perRequest(s.natterCPU, requests(s.natter)),
			perRequest(s.limitCPU, requests(s.limit))),
		noise: noise(reqPerSec(s.natter), reqPerSec(s.limit)),
		met:   verdict(spec.judge(s)),
	}
	if spec.varies {
		r.notes = append(r.notes, fmt.Sprintf("requests vary; the limit serves one representative captured answer (%s B)", thousands(int64(s.bytes))))
	}
	if spec.warm != nil {
		r.notes = append(r.notes, fmt.Sprintf("before the rounds, every one of the %s threads was read once over 4 connections (%s)",
			thousands(int64(spec.warm.threads)), s.warmed.Round(100*time.Millisecond)))
	}
	for i, w := range s.natter {
		if w.Requests == 0 {
			r.notes = append(r.notes, fmt.Sprintf("round %d: Natter answered no request within the run", i+1))
		}
		if w.Non2xx > 0 || w.SockErrs > 0 {
			r.notes = append(r.notes, fmt.Sprintf("round %d: %d non-2xx, %d socket errors", i+1, w.Non2xx, w.SockErrs))
		}
	}
	return r
}

// perRequest is CPU time per request in ms.
func perRequest(cpu time.Duration, n int64) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f ms", float64(cpu)/float64(n)/float64(time.Millisecond))
}

func verdict(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

// median of v (v is not changed).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread is half the range of v as a percentage of its median.
func spread(v []float64) float64 {
	m := median(v)
	if m == 0 || len(v) < 2 {
		return 0
	}
	return (slices.Max(v) - slices.Min(v)) / 2 / m * 100
}

// noise describes the spread of Natter's and the limit's rounds.
func noise(natter, limit []float64) string {
	if len(natter) < 2 {
		return "1 round: not known"
	}
	if limit == nil {
		return fmt.Sprintf("±%.0f %%", spread(natter))
	}
	return fmt.Sprintf("natter ±%.0f %%, limit ±%.0f %%", spread(natter), spread(limit))
}

// rangeOf prints "min–max", or one value when they agree; format "%n"
// is a whole number with thousands separators.
func rangeOf(v []float64, format string) string {
	if len(v) == 0 {
		return "–"
	}
	f := func(x float64) string { return fmt.Sprintf(format, x) }
	if format == "%n" {
		f = func(x float64) string { return thousands(int64(math.Round(x))) }
	}
	lo, hi := f(slices.Min(v)), f(slices.Max(v))
	if lo == hi {
		return lo
	}
	return lo + "–" + hi
}
