package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// wrkPath is Debian's wrk 4.1, which docs/benchmarks.md measures with.
const wrkPath = "/usr/bin/wrk"

// wrkResult is what the driver reads from wrk's report.
type wrkResult struct {
	ReqPerSec float64
	Requests  int64
	P50, P99  time.Duration
	Non2xx    int64 // "Non-2xx or 3xx responses"
	SockErrs  int64 // connect + read + write + timeout
}

// wrkJob is one wrk run: URL, extra headers, an optional Lua script.
type wrkJob struct {
	url     string
	headers []string // "Name: value"
	script  string
	env     []string // read by the script (os.getenv)
	dur     time.Duration
}

// runWrk runs `wrk -t2 -c32 --latency --timeout 30s` for job and parses
// its report.
func runWrk(ctx context.Context, job wrkJob) (wrkResult, error) {
	// --timeout: wrk drops answers slower than its 2 s default from the
	// latency figures (as errors); a slow server must show in the p99.
	args := []string{"-t2", "-c32", "--latency", "--timeout", "30s", "-d", fmt.Sprintf("%ds", max(1, int(job.dur.Round(time.Second).Seconds())))}
	for _, h := range job.headers {
		args = append(args, "-H", h)
	}
	if job.script != "" {
		args = append(args, "-s", job.script)
	}
	cmd := exec.CommandContext(ctx, wrkPath, append(args, job.url)...)
	cmd.Env = append(os.Environ(), job.env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %w: %s", job.url, err, out)
	}
	r, err := parseWrk(string(out))
	if err != nil {
		return r, fmt.Errorf("wrk %s: %w\n%s", job.url, err, out)
	}
	return r, nil
}

// parseWrk reads wrk's --latency report. Requests/sec, the request count
// and the 50 % and 99 % latencies are required; error lines are optional.
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	var seen int
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		var err error
		switch {
		case f[0] == "Requests/sec:":
			r.ReqPerSec, err = strconv.ParseFloat(f[1], 64)
			seen |= 1
		case f[1] == "requests" && len(f) > 2 && f[2] == "in":
			r.Requests, err = strconv.ParseInt(f[0], 10, 64)
			seen |= 2
		case f[0] == "50%":
			r.P50, err = parseWrkDuration(f[1])
			seen |= 4
		case f[0] == "99%":
			r.P99, err = parseWrkDuration(f[1])
			seen |= 8
		case strings.HasPrefix(sc.Text(), "  Non-2xx or 3xx responses:"):
			r.Non2xx, err = strconv.ParseInt(f[len(f)-1], 10, 64)
		case f[0] == "Socket" && f[1] == "errors:":
			r.SockErrs, err = sumSocketErrors(f[2:])
		}
		if err != nil {
			return r, fmt.Errorf("parse %q: %w", sc.Text(), err)
		}
	}
	if seen != 15 {
		return r, errors.New("not a wrk --latency report")
	}
	return r, nil
}

// parseWrkDuration reads wrk's latency format: a number with us, ms, s,
// m or h.
func parseWrkDuration(s string) (time.Duration, error) {
	units := []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}, {"h", time.Hour}}
	for _, u := range units {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 0, err
			}
			return time.Duration(math.Round(f * float64(u.unit))), nil
		}
	}
	return 0, fmt.Errorf("latency %q has no unit", s)
}

// sumSocketErrors adds up "connect 0, read 0, write 0, timeout 12".
func sumSocketErrors(f []string) (int64, error) {
	var n int64
	for i := 1; i < len(f); i += 2 {
		v, err := strconv.ParseInt(strings.TrimSuffix(f[i], ","), 10, 64)
		if err != nil {
			return 0, err
		}
		n += v
	}
	return n, nil
}
