// Package metrics exposes a site's figures in Prometheus' text format:
// requests by route and status with their latency, comments by state,
// notifications by state, the cache's use and the database pools. Every
// site has its own registry (no global state), served at /metrics to the
// addresses [natter] metrics-from allows (loopback by default).
package metrics

import (
	"context"
	"database/sql"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"

	"github.com/natter/natter/internal/cache"
)

// Sources are what the gauges read at scrape time.
type Sources struct {
	Cache *cache.Cache
	// Comments and Outbox count rows by state (nil: not exported).
	Comments func(ctx context.Context) (map[string]int, error)
	Outbox   func(ctx context.Context) (map[string]int, error)
	// Pools are the database connection pools by name.
	Pools map[string]*sql.DB
	// WriteBatches, if set, is handed the function that observes the size
	// of each of the database's write batches (store.ObserveWriteBatches).
	WriteBatches func(observe func(size int))
}

// Metrics is one site's registry and its request instruments.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	replayed *prometheus.CounterVec
	series   sync.Map // requestKey → requestSeries
	replays  sync.Map // route → prometheus.Counter
}

// New registers the process, request, comment, notification, cache and
// pool metrics of one site.
func New(src Sources) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "natter_http_requests_total", Help: "Requests answered, by route pattern, method and status."},
		[]string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "natter_http_request_duration_seconds", Help: "Time to answer, by route pattern.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}},
		[]string{"route"})
	m.replayed = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "natter_http_replayed_total", Help: "Requests answered from the replay memo ahead of routing (counted in natter_http_requests_total too), by route pattern."},
		[]string{"route"})
	m.reg.MustRegister(m.requests, m.latency, m.replayed,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for name, db := range src.Pools {
		m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
	}
	if src.WriteBatches != nil {
		h := prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "natter_store_write_batch_size", Help: "Writes committed together by the group-commit writer.",
			Buckets: []float64{1, 2, 4, 8, 16, 32, 64}})
		m.reg.MustRegister(h)
		src.WriteBatches(func(size int) { h.Observe(float64(size)) })
	}
	if src.Cache != nil {
		m.reg.MustRegister(cacheCollector{src.Cache})
	}
	if src.Comments != nil {
		m.reg.MustRegister(countCollector{prometheus.NewDesc("natter_comments", "Comments by state.", []string{"state"}, nil), src.Comments})
	}
	if src.Outbox != nil {
		m.reg.MustRegister(countCollector{prometheus.NewDesc("natter_notifications", "Notifications in the outbox by state.", []string{"state"}, nil), src.Outbox})
	}
	return m
}

// Request counts one answered request; the access log, which already
// knows the route, status and duration, reports each one here.
func (m *Metrics) Request(route, method string, status int, d time.Duration) {
	k := requestKey{route, method, status}
	s, ok := m.series.Load(k)
	if !ok {
		// Looking up a vector's series hashes its labels under a lock;
		// the routes are few, so each request's pair is kept.
		s, _ = m.series.LoadOrStore(k, requestSeries{
			count:   m.requests.WithLabelValues(route, method, strconv.Itoa(status)),
			latency: m.latency.WithLabelValues(route)})
	}
	rs := s.(requestSeries)
	rs.count.Inc()
	rs.latency.Observe(d.Seconds())
}

// Replayed counts one answer the replay memo repeated; Request counts it
// as well.
func (m *Metrics) Replayed(route string) {
	c, ok := m.replays.Load(route)
	if !ok {
		c, _ = m.replays.LoadOrStore(route, m.replayed.WithLabelValues(route))
	}
	c.(prometheus.Counter).Inc()
}

type requestKey struct {
	route, method string
	status        int
}

type requestSeries struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() fiber.Handler {
	h := fasthttpadaptor.NewFastHTTPHandler(promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	return func(c *fiber.Ctx) error {
		h(c.Context())
		return nil
	}
}
