package handlers_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"gorm.io/gorm"

	nattersite "github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/testsite"
)

// TestMetrics: /metrics answers loopback clients (the default) with the
// request, comment, cache and pool figures, refuses others, and is off
// when configured so; every answer carries a request id.
func TestMetrics(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: "[general]\nhost = http://blog.example\n[server]\ntrusted-proxies = 0.0.0.0/0\n"})
	scrape := func(client string) (int, string, http.Header) {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.Header.Set("X-Forwarded-For", client)
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	if _, err := s.App.Test(httptest.NewRequest("GET", "/?uri=/m", nil)); err != nil {
		t.Fatal(err)
	}
	code, body, h := scrape("127.0.0.1")
	if code != 200 || h.Get("X-Request-Id") == "" {
		t.Fatalf("loopback scrape: %d, request id %q", code, h.Get("X-Request-Id"))
	}
	for _, want := range []string{`natter_http_requests_total{method="GET",route="/",status="200"}`,
		"natter_http_request_duration_seconds_bucket", `natter_comments{state="pending"} 0`,
		fmt.Sprintf("natter_cache_budget_bytes %g", float64(nattersite.CacheShare(64<<20, s.Site.DBPath))), `go_sql_max_open_connections{db_name="writer"}`} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code, _, _ := scrape("203.0.113.9"); code != 404 {
		t.Errorf("scrape from a public address: %d, want 404", code)
	}
	off := testsite.New(t, testsite.Options{Config: "[general]\nhost = http://blog.example\n[natter]\nmetrics-from = off\n"})
	resp, err := off.App.Test(httptest.NewRequest("GET", "/metrics", nil))
	if err != nil || resp.StatusCode == 200 {
		t.Errorf("metrics-from = off still serves /metrics (%v)", err)
	}
}

// TestMetrics_WriteBatchSizes: the group-commit writer's batch sizes are a
// histogram on /metrics, fed by the site's own store.
func TestMetrics_WriteBatchSizes(t *testing.T) {
	s := testsite.New(t, testsite.Options{Config: "[general]\nhost = http://blog.example\n[server]\ntrusted-proxies = 0.0.0.0/0\n"})
	for range 3 {
		if err := s.Site.DB.Write(t.Context(), func(*gorm.DB) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	b := scrapeMetrics(t, s)
	var count int
	for line := range strings.Lines(b) {
		if rest, ok := strings.CutPrefix(line, "natter_store_write_batch_size_count "); ok {
			count, _ = strconv.Atoi(strings.TrimSpace(rest))
		}
	}
	if !strings.Contains(b, `natter_store_write_batch_size_bucket{le="1"}`) ||
		!strings.Contains(b, `natter_store_write_batch_size_bucket{le="64"}`) || count < 3 {
		t.Errorf("no write batch sizes after 3 writes (count %d):\n%s", count, b)
	}
}

// scrapeMetrics reads /metrics as a loopback client (the site must trust
// the proxy header).
func scrapeMetrics(t *testing.T, s *testsite.Site) string {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("X-Forwarded-For", "127.0.0.1")
	resp, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
