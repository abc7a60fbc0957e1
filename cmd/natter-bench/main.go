// Command natter-bench runs every row of issue 11's table on this machine:
// it builds ./cmd/natter, seeds (or reuses cached) databases, starts the
// server on loopback and loads it with wrk or a Go client, and measures
// each throughput row against a "limit server" — a few lines of fasthttp
// answering every request with Natter's own captured response bytes from
// memory — in alternating runs (natter, limit, natter, limit, …). It
// prints, per row, Natter's req/s, the limit's, their ratio, Natter's p99,
// the server CPU per request, the spread of the rounds and the target,
// and writes the same as markdown (-report); with -docs it replaces the
// generated section of docs/benchmarks.md.
//
// Run it from the repository root: `go tool task bench`, or
// `go run ./cmd/natter-bench -quick`. It needs /usr/bin/wrk.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
)

// options are the command's flags.
type options struct {
	rounds    int
	dur       time.Duration
	coldRuns  int
	nextIters int
	report    string
	docs      string
	only      map[string]bool
	quick     bool
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("natter-bench", flag.ContinueOnError)
	var o options
	var only string
	fs.IntVar(&o.rounds, "rounds", 3, "alternating rounds per row (natter, limit)")
	fs.DurationVar(&o.dur, "duration", 5*time.Second, "length of each wrk run")
	fs.IntVar(&o.coldRuns, "cold-runs", 7, "server starts per cold-start row")
	fs.IntVar(&o.nextIters, "next-reads", 150, "write-then-read iterations per read kind")
	fs.BoolVar(&o.quick, "quick", false, "1 round × 2 s, 3 cold starts, 50 write-then-read iterations")
	fs.StringVar(&o.report, "report", "", "write the markdown report to this file")
	fs.StringVar(&o.docs, "docs", "", "replace the generated section of this markdown file (docs/benchmarks.md) with the report")
	fs.StringVar(&only, "only", "", "comma-separated row ids to run (default all: "+strings.Join(rowIDs(), ",")+")")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.quick {
		o.rounds, o.dur, o.coldRuns, o.nextIters = 1, 2*time.Second, 3, 50
	}
	if only != "" {
		o.only = map[string]bool{}
		for _, id := range strings.Split(only, ",") {
			id = strings.TrimSpace(id)
			if !slices.Contains(rowIDs(), id) {
				return o, fmt.Errorf("-only: no row %q", id)
			}
			o.only[id] = true
		}
	}
	return o, nil
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "natter-bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "natter-bench:", err)
		os.Exit(1)
	}
}

// run prepares the binary and databases, runs the rows and writes the
// report.
func run(ctx context.Context, o options) error {
	if _, err := os.Stat(wrkPath); err != nil {
		return fmt.Errorf("needs wrk at %s (Debian: apt-get install wrk): %w", wrkPath, err)
	}
	b, err := newBench(ctx, o)
	if err != nil {
		return err
	}
	defer b.close()
	machine := describeMachine(ctx)
	if err := b.runAll(ctx); err != nil {
		return err
	}
	machine.loadEnd = loadAverage()
	md := renderReport(machine, o, b.rows, b.notes)
	fmt.Println(md)
	if o.report != "" {
		if err := os.WriteFile(o.report, []byte(md), 0o644); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if o.docs != "" {
		return spliceDocs(o.docs, md)
	}
	return nil
}
