// Command natter-soak drives a Natter server on this machine with a mixed
// load for a bounded time and prints the server's memory as it goes: Isso
// thread reads with varied parameters, widget threads with random titles
// and options, counts from both APIs, and a comment every 0.2 s. Any
// failed request is an error; the command exits 1 if there was one.
//
// Without -url it builds ./cmd/natter (run it from the repository root),
// starts it on a free loopback port with a temporary database and the
// guard off, and stops it at the end. With -url it drives a running
// server, which must allow the writes ([guard] enabled = false, or a high
// ratelimit) and list the URL in [general] host; -pid names its process
// for the memory figures.
//
//	go run ./cmd/natter-soak -duration 3m
//	go run ./cmd/natter-soak -url http://127.0.0.1:8080 -pid 4242
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

type options struct {
	url        string
	pid        int
	duration   time.Duration
	interval   time.Duration
	warmup     time.Duration
	writeEvery time.Duration
	readers    int
	threads    int
	seed       int
	budget     string
	natter     string
	mix        string
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "", "base URL of a running server (loopback only); empty starts one")
	flag.IntVar(&o.pid, "pid", 0, "process id of the server at -url, for its RSS")
	flag.DurationVar(&o.duration, "duration", 10*time.Minute, "how long to run the load")
	flag.DurationVar(&o.interval, "interval", 10*time.Second, "how often to print RSS and counters")
	flag.DurationVar(&o.warmup, "warmup", time.Minute, "RSS growth is measured from this point on")
	flag.DurationVar(&o.writeEvery, "write-every", 200*time.Millisecond, "interval between new comments")
	flag.IntVar(&o.readers, "readers", 4, "concurrent readers")
	flag.IntVar(&o.threads, "threads", 20, "distinct thread URIs")
	flag.IntVar(&o.seed, "seed", 150, "comments created on the first thread before the load starts")
	flag.StringVar(&o.budget, "cache-budget", "", "[natter] cache-budget of a started server (empty: its default)")
	flag.StringVar(&o.natter, "natter", "", "natter binary to start (empty: go build ./cmd/natter)")
	flag.StringVar(&o.mix, "mix", "isso,widget,counts", "request kinds to send besides the writes: isso, widget, counts")
	flag.Parse()
	if !strings.Contains(o.mix, "isso") && !strings.Contains(o.mix, "widget") && !strings.Contains(o.mix, "counts") {
		fmt.Fprintln(os.Stderr, "natter-soak: -mix names none of isso, widget, counts")
		os.Exit(2)
	}
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "natter-soak:", err)
		os.Exit(1)
	}
}

func run(o options, out io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if o.url == "" {
		srv, err := startServer(ctx, o, out)
		if err != nil {
			return err
		}
		defer srv.stop(out)
		o.url, o.pid = srv.url, srv.pid
	}
	if err := checkLoopback(o.url); err != nil {
		return err
	}
	l := newLoad(o)
	// Idle keep-alive connections would hold a started server's shutdown.
	defer l.client.CloseIdleConnections()
	if err := l.seedThreads(ctx); err != nil {
		return fmt.Errorf("seeding: %w", err)
	}
	fmt.Fprintf(out, "soak %s for %s: %d readers (%s), a comment every %s, %d threads (pid %d)\n",
		o.url, o.duration, o.readers, o.mix, o.writeEvery, o.threads, o.pid)
	rep := &report{pid: o.pid, warmup: o.warmup, out: out}
	rep.sample(0, l)
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	done := l.start(ctx)
	start := time.Now()
	tick := time.NewTicker(o.interval)
	defer tick.Stop()
	for running := true; running; {
		select {
		case <-tick.C:
			rep.sample(time.Since(start), l)
		case <-done:
			running = false
		}
	}
	rep.sample(time.Since(start), l)
	return rep.finish(l)
}

// checkLoopback refuses any target but this machine: the soak is a load
// generator and must never be pointed at someone else's server.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("-url %q: want http://127.0.0.1:PORT", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return errors.New("-url must name a loopback address (127.0.0.1, ::1 or localhost)")
}
