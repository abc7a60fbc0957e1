package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
)

// newCommentBody is Isso's client body for POST /new, as
// docs/bench/new.lua sends it; n makes the text unique.
func newCommentBody(tag string, n int) string {
	return fmt.Sprintf(`{"text":"load comment %s-%d with some *markdown* and enough words to be real","author":"Bench","email":null,"website":null,"parent":null,"title":"Bench","notification":0}`, tag, n)
}

// post sends one new comment to uri and returns the answer's body.
func post(ctx context.Context, client *http.Client, base, uri, body string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/new?uri="+uri, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("POST /new: %w", err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != http.StatusCreated {
		err = fmt.Errorf("POST /new: status %d: %.200s", res.StatusCode, b)
	}
	return b, err
}

// timedGet reads r completely and returns how long that took.
func timedGet(ctx context.Context, client *http.Client, base string, r request) (time.Duration, error) {
	start := time.Now()
	res, err := r.do(ctx, client, base)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(start)
	if err == nil && res.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: status %d", r.path, res.StatusCode)
	}
	return d, err
}

// nextRead posts one comment to uri and times the read that follows, for
// the widget's first page and, after another comment, for the Isso JSON
// thread: what the next reader waits for after a write.
func (b *bench) nextRead(ctx context.Context, base, uri string) (row, error) {
	client := rawClient() // no cookie jar: the reader is anonymous
	kinds := []struct {
		name string
		req  request
	}{
		{"widget", request{method: "GET", path: "/embed/thread?uri=" + uri, headers: htmxGzip}},
		{"JSON", request{method: "GET", path: "/?uri=" + uri + threadQuery, headers: gzipOnly}},
	}
	lat := make([][]float64, len(kinds))
	for i := range b.o.nextIters {
		for k, kind := range kinds {
			if _, err := post(ctx, client, base, uri, newCommentBody("next", i*len(kinds)+k)); err != nil {
				return row{}, err
			}
			d, err := timedGet(ctx, client, base, kind.req)
			if err != nil {
				return row{}, err
			}
			lat[k] = append(lat[k], float64(d)/float64(time.Millisecond))
		}
	}
	r := row{id: "next-read", path: "the next read after one new comment on a 10,000-comment thread",
		limit: "–", ratio: "–", cpu: "–", noise: "–", target: "p99 < 20 ms"}
	var figs, p99 []string
	ok := true
	for k, kind := range kinds {
		p50, p99k := percentile(lat[k], 50), percentile(lat[k], 99)
		figs = append(figs, fmt.Sprintf("%s p50 %.1f ms", kind.name, p50))
		p99 = append(p99, fmt.Sprintf("%s %.1f ms", kind.name, p99k))
		ok = ok && p99k < 20
	}
	r.natter, r.p99, r.met = strings.Join(figs, ", "), strings.Join(p99, ", "), verdict(ok)
	r.notes = append(r.notes, fmt.Sprintf("%d iterations per read kind, one client: POST /new, then the timed GET (widget: fragment with HX-Request and gzip; JSON: `%s` with gzip)",
		b.o.nextIters, kinds[1].req.path))
	return r, nil
}

// percentile p (0–100) of v by nearest rank.
func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}
