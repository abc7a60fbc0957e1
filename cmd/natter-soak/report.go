package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// report prints a line per interval and the RSS trend after warm-up.
type report struct {
	pid    int
	warmup time.Duration
	out    io.Writer

	last      time.Duration
	lastReqs  int64
	base, max int64 // kB, after warm-up
	final     int64
}

// rssKB reads VmRSS from /proc/<pid>/status, in kB.
func rssKB(pid int) (int64, error) {
	if pid <= 0 {
		return 0, errors.New("no pid")
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	return 0, errors.New("no VmRSS line")
}

func mb(kb int64) string { return fmt.Sprintf("%.1f MB", float64(kb)/1024) }

func (r *report) sample(at time.Duration, l *load) {
	reqs, writes, errs := l.reads.Load(), l.writes.Load(), l.errors.Load()
	rate := 0.0
	if d := (at - r.last).Seconds(); d > 0 {
		rate = float64(reqs-r.lastReqs) / d
	}
	r.last, r.lastReqs = at, reqs
	rss := "rss n/a"
	if kb, err := rssKB(r.pid); err == nil {
		rss = "rss " + mb(kb)
		r.final = kb
		if at >= r.warmup && r.base == 0 {
			r.base = kb
		}
		if at >= r.warmup {
			r.max = max(r.max, kb)
		}
	}
	fmt.Fprintf(r.out, "%6s  %-12s reads %7d (%5.0f/s)  writes %5d  errors %d\n",
		at.Round(time.Second), rss, reqs, rate, writes, errs)
}

func (r *report) finish(l *load) error {
	if r.base > 0 {
		fmt.Fprintf(r.out, "rss after warm-up (%s): first %s, last %s, max %s, change %+.1f%%\n",
			r.warmup, mb(r.base), mb(r.final), mb(r.max), 100*float64(r.final-r.base)/float64(r.base))
	}
	for _, e := range l.firstErrors() {
		fmt.Fprintln(r.out, "error:", e)
	}
	if n := l.errors.Load(); n > 0 {
		return fmt.Errorf("%d errors", n)
	}
	return nil
}
