package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
)

// served is a response body as transferred.
type served struct {
	path     string
	bytes    int
	encoding string
}

// fetch asks for path with the given headers and measures the body as
// sent (not decompressed).
func fetch(ctx context.Context, base, path string, headers map[string]string) (served, []byte, error) {
	res, err := request{method: "GET", path: path, headers: headers}.do(ctx, rawClient(), base)
	if err != nil {
		return served{}, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != 200 {
		err = fmt.Errorf("GET %s: status %d", path, res.StatusCode)
	}
	return served{path: path, bytes: len(body), encoding: res.Header.Get("Content-Encoding")}, body, err
}

// assetRef finds the htmx and stylesheet URLs the loader asks for, as
// docs/benchmarks.md's first-visit table lists them.
var assetRef = regexp.MustCompile(`/static/[^"'\s]*(?:htmx|natter)[^"'\s]*`)

// firstVisit adds up the gzip bytes a first visit transfers before the
// thread: the loader and what it loads.
func (b *bench) firstVisit(ctx context.Context, base string) row {
	r := row{id: "first-visit", path: "first visit, widget, gzip, before the thread",
		limit: "–", ratio: "–", p99: "–", cpu: "–", noise: "–", target: "≤ 30 kB"}
	_, loader, err := fetch(ctx, base, "/embed.js", nil)
	if err != nil {
		return failedRow(r, err)
	}
	paths := append([]string{"/embed.js"}, uniq(assetRef.FindAllString(string(loader), -1))...)
	total := 0
	var parts []string
	for _, p := range paths {
		gz, _, err := fetch(ctx, base, p, gzipOnly)
		if err != nil {
			return failedRow(r, err)
		}
		plain, _, err := fetch(ctx, base, p, nil)
		if err != nil {
			return failedRow(r, err)
		}
		total += gz.bytes
		parts = append(parts, fmt.Sprintf("%s %s (%s raw%s)", p, byteCount(gz.bytes), byteCount(plain.bytes), encodingNote(gz)))
	}
	r.natter = byteCount(total)
	r.met = verdict(total <= 30000)
	r.notes = append(r.notes, "gzip bodies as served, headers excluded: "+strings.Join(parts, "; "))
	return r
}

// fragmentSize measures the first page of a 200-comment thread as the
// widget receives it, and for reference the whole thread and the JSON.
func (b *bench) fragmentSize(ctx context.Context, base string) row {
	r := row{id: "fragment-size", path: "first page of a 200-comment thread, gzip",
		limit: "–", ratio: "–", p99: "–", cpu: "–", noise: "–", target: "≤ 12 kB"}
	frag := "/embed/thread?uri=/bench/0"
	first, _, err := fetch(ctx, base, frag, htmxGzip)
	if err != nil {
		return failedRow(r, err)
	}
	gz, err := settledSize(ctx, base, frag, first)
	if err != nil {
		return failedRow(r, err)
	}
	r.natter, r.met = byteCount(gz.bytes)+encodingNote(gz), verdict(gz.bytes <= 12000)
	r.notes = append(r.notes, fmt.Sprintf("the reader whose request renders the page gets it compressed fast (%s); "+
		"Natter recompresses a render once it is reused, and the size above is what the readers after get", byteCount(first.bytes)))
	var ref []string
	for _, p := range []string{frag, frag + "&limit=-1", "/?uri=/bench/0" + threadQuery} {
		plainH, gzipH := map[string]string{"HX-Request": "true"}, htmxGzip
		if !strings.HasPrefix(p, "/embed/") {
			plainH, gzipH = nil, gzipOnly
		}
		plain, _, err := fetch(ctx, base, p, plainH)
		if err != nil {
			return failedRow(r, err)
		}
		zipped, _, err := fetch(ctx, base, p, gzipH)
		if err != nil {
			return failedRow(r, err)
		}
		ref = append(ref, fmt.Sprintf("`%s` %s gzip%s, %s raw", p, byteCount(zipped.bytes), encodingNote(zipped), byteCount(plain.bytes)))
	}
	r.notes = append(r.notes, strings.Join(ref, "; "))
	return r
}

// settledSize asks for path again until its gzip body stops shrinking
// (Natter recompresses a reused render in the background), for at most
// five seconds, and returns the last answer.
func settledSize(ctx context.Context, base, path string, first served) (served, error) {
	last := first
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		next, _, err := fetch(ctx, base, path, htmxGzip)
		if err != nil {
			return last, err
		}
		if next.bytes < last.bytes {
			return next, nil
		}
		last = next
		time.Sleep(10 * time.Millisecond) // polling for the background recompression
	}
	return last, nil
}

func failedRow(r row, err error) row {
	r.met = "not measured"
	r.notes = append(r.notes, "not measured: "+err.Error())
	return r
}

// encodingNote flags a body that was not compressed although gzip was
// accepted.
func encodingNote(s served) string {
	if s.encoding == "" {
		return ", not compressed"
	}
	return ""
}

func uniq(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// byteCount prints bytes as "4.7 kB (4,737 B)".
func byteCount(n int) string {
	return fmt.Sprintf("%.1f kB (%s B)", float64(n)/1000, thousands(int64(n)))
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
