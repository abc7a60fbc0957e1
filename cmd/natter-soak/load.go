package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// load sends the requests and counts them.
type load struct {
	o      options
	client *http.Client

	reads, writes, errors atomic.Int64
	mu                    sync.Mutex
	errs                  []string // the first few, for the summary
}

func newLoad(o options) *load {
	tr := &http.Transport{MaxIdleConnsPerHost: o.readers + 2, IdleConnTimeout: time.Minute}
	return &load{o: o, client: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

func (l *load) uri(i int) string { return fmt.Sprintf("/soak/post-%d/", i) }

// start runs the readers and the writer until ctx ends; the channel
// closes when all have returned.
func (l *load) start(ctx context.Context) <-chan struct{} {
	var wg sync.WaitGroup
	for i := range l.o.readers {
		wg.Go(func() { l.read(ctx, rand.New(rand.NewPCG(uint64(i), 7))) })
	}
	wg.Go(func() { l.write(ctx) })
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	return done
}

// seedThreads gives the first thread -seed comments (a long thread makes
// the widget's fragments and Isso's answers big) and every other one.
func (l *load) seedThreads(ctx context.Context) error {
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range l.o.seed + l.o.threads {
		t := 0
		if i >= l.o.seed {
			t = i - l.o.seed
		}
		if err := l.post(ctx, rng, t); err != nil {
			return err
		}
	}
	return nil
}

func (l *load) write(ctx context.Context) {
	rng := rand.New(rand.NewPCG(99, 99))
	tick := time.NewTicker(l.o.writeEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := l.post(ctx, rng, rng.IntN(l.o.threads)); err != nil && ctx.Err() == nil {
			l.fail(err)
		}
		l.writes.Add(1)
	}
}

func (l *load) post(ctx context.Context, rng *rand.Rand, thread int) error {
	words := []string{"*soak*", "natter", "`code`", "comment", "[link](https://example.org)", "text", "**bold**"}
	var b strings.Builder
	for range 20 + rng.IntN(120) {
		b.WriteString(words[rng.IntN(len(words))] + " ")
	}
	body, _ := json.Marshal(map[string]any{"text": b.String(), "author": fmt.Sprint("reader ", rng.IntN(50))})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.o.url+"/new?uri="+url.QueryEscape(l.uri(thread)), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", l.o.url)
	return l.do(req, http.StatusCreated, http.StatusAccepted)
}

// read sends one of the read requests at random until ctx ends.
func (l *load) read(ctx context.Context, rng *rand.Rand) {
	for ctx.Err() == nil {
		req, err := l.readRequest(ctx, rng)
		if err == nil {
			err = l.do(req, http.StatusOK)
		}
		if err != nil && ctx.Err() == nil {
			l.fail(err)
		}
		l.reads.Add(1)
	}
}

func (l *load) readRequest(ctx context.Context, rng *rand.Rand) (*http.Request, error) {
	thread := l.uri(skewed(rng, l.o.threads))
	get := func(path string, v url.Values) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, l.o.url+path+"?"+v.Encode(), nil)
	}
	switch n := l.pick(rng); {
	case n < 30: // Isso client: varied pages of a thread
		v := url.Values{"uri": {thread}}
		for _, p := range []string{"limit", "offset", "nested_limit"} {
			if rng.IntN(2) == 0 {
				v.Set(p, fmt.Sprint(rng.IntN(40)))
			}
		}
		if rng.IntN(3) == 0 {
			v.Set("sort", []string{"newest", "oldest", "upvotes"}[rng.IntN(3)])
		}
		v.Set("_", fmt.Sprint(rng.Int64())) // cache busters, as Isso's client sends none but proxies do
		return get("/", v)
	case n < 65: // widget: random titles and options
		v := url.Values{"uri": {thread}, "title": {fmt.Sprintf("Post %x", rng.Uint64())}}
		if rng.IntN(2) == 0 {
			v.Set("limit", fmt.Sprint(1+rng.IntN(30)))
		}
		if rng.IntN(3) == 0 {
			v.Set("sort", []string{"newest", "oldest", "upvotes"}[rng.IntN(3)])
		}
		if rng.IntN(3) == 0 {
			v.Set("theme", []string{"light", "dark", "blue"}[rng.IntN(3)])
		}
		if rng.IntN(4) == 0 {
			v.Set("lang", []string{"en", "de", "fr", "zh-CN", "xx"}[rng.IntN(5)])
		}
		mode := rng.IntN(3)
		if mode == 1 {
			v.Set("fragment", "plain")
		}
		req, err := get("/embed/thread", v)
		if err == nil && mode == 0 {
			req.Header.Set("HX-Request", "true")
		}
		return req, err
	case n < 80: // Isso count.js
		uris := l.someURIs(rng)
		body, _ := json.Marshal(uris)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.o.url+"/count", bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	default: // widget counts
		return get("/embed/counts", url.Values{"uri": l.someURIs(rng)})
	}
}

// pick draws a number in [0, 100) whose range selects a request kind
// (Isso 30, widget 35, /count 15, /embed/counts 20), from the kinds -mix
// enables only.
func (l *load) pick(rng *rand.Rand) int {
	for {
		n := rng.IntN(100)
		kind := "counts"
		switch {
		case n < 30:
			kind = "isso"
		case n < 65:
			kind = "widget"
		}
		if strings.Contains(l.o.mix, kind) {
			return n
		}
	}
}

// skewed picks a thread with a long tail: thread 0 (the seeded one) and
// the first few are the popular posts.
func skewed(rng *rand.Rand, n int) int { return min(int(rng.ExpFloat64()*float64(n)/4), n-1) }

func (l *load) someURIs(rng *rand.Rand) []string {
	out := make([]string, 1+rng.IntN(10))
	for i := range out {
		out[i] = l.uri(rng.IntN(l.o.threads))
	}
	return out
}

func (l *load) do(req *http.Request, want ...int) error {
	res, err := l.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return fmt.Errorf("%s %s: reading the answer: %w", req.Method, req.URL.Path, err)
	}
	for _, w := range want {
		if res.StatusCode == w {
			return nil
		}
	}
	return fmt.Errorf("%s %s: %d %.200s", req.Method, req.URL.RequestURI(), res.StatusCode, body)
}

func (l *load) fail(err error) {
	l.errors.Add(1)
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errs) < 10 {
		l.errs = append(l.errs, err.Error())
	}
}

func (l *load) firstErrors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.errs
}

var errNoServer = errors.New("server did not become ready")
