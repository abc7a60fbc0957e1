package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestParseWrk reads wrk 4.1 reports captured from runs against Natter
// (testdata): plain, through a Lua script, all non-2xx, socket errors
// after the server was killed, and microsecond latencies.
func TestParseWrk(t *testing.T) {
	for _, tc := range []struct {
		file string
		want wrkResult
	}{
		{"ok.txt", wrkResult{ReqPerSec: 26463.87, Requests: 29441, P50: 950 * time.Microsecond, P99: 54150 * time.Microsecond}},
		{"script.txt", wrkResult{ReqPerSec: 19817.20, Requests: 20782, P50: 1600 * time.Microsecond, P99: 29600 * time.Microsecond}},
		{"non2xx.txt", wrkResult{ReqPerSec: 19752.54, Requests: 20466, P50: 1200 * time.Microsecond, P99: 39700 * time.Microsecond, Non2xx: 20466}},
		{"errors.txt", wrkResult{ReqPerSec: 192.19, Requests: 401, P50: 62210 * time.Microsecond, P99: 182800 * time.Microsecond, SockErrs: 49 + 44548}},
		{"micro.txt", wrkResult{ReqPerSec: 55132.60, Requests: 60613, P50: 14 * time.Microsecond, P99: 1760 * time.Microsecond}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseWrk(string(b))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("parseWrk = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestParseWrkRefuses rejects output that is not a --latency report, such
// as wrk's usage text or a refused connection.
func TestParseWrkRefuses(t *testing.T) {
	for _, out := range []string{
		"unable to connect to 127.0.0.1:18999 Connection refused\n",
		"Usage: wrk <options> <url>\n  Options:\n    -c, --connections <N>  Connections to keep open\n",
		"Running 1s test @ http://x/\n  29441 requests in 1.11s, 5.59MB read\nRequests/sec:  26463.87\n",
	} {
		if _, err := parseWrk(out); err == nil {
			t.Errorf("parseWrk(%q) succeeded", out)
		}
	}
}

func TestParseWrkDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"14.00us": 14 * time.Microsecond, "1.76ms": 1760 * time.Microsecond,
		"2.50s": 2500 * time.Millisecond, "1.50m": 90 * time.Second, "1.00h": time.Hour,
	} {
		if got, err := parseWrkDuration(in); err != nil || got != want {
			t.Errorf("parseWrkDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseWrkDuration("12"); err == nil {
		t.Error("a latency without unit was accepted")
	}
}
