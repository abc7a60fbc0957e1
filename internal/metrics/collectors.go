package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/natter/natter/internal/cache"
)

// cacheCollector reads the cache's accounting at scrape time.
type cacheCollector struct{ c *cache.Cache }

var (
	cacheBytes  = prometheus.NewDesc("natter_cache_bytes", "Bytes the cache accounts for, by space.", []string{"space"}, nil)
	cacheBudget = prometheus.NewDesc("natter_cache_budget_bytes", "The cache's budget: [natter] cache-budget, less SQLite's page caches for a single site.", nil, nil)
	cacheEvents = prometheus.NewDesc("natter_cache_events_total", "Cache lookups and evictions.", []string{"event"}, nil)
)

func (cc cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- cacheBytes
	ch <- cacheBudget
	ch <- cacheEvents
}

func (cc cacheCollector) Collect(ch chan<- prometheus.Metric) {
	st := cc.c.Stats()
	ch <- prometheus.MustNewConstMetric(cacheBudget, prometheus.GaugeValue, float64(st.Budget))
	for space, n := range st.Spaces {
		ch <- prometheus.MustNewConstMetric(cacheBytes, prometheus.GaugeValue, float64(n), space)
	}
	ch <- prometheus.MustNewConstMetric(cacheEvents, prometheus.CounterValue, float64(st.Hits), "hit")
	ch <- prometheus.MustNewConstMetric(cacheEvents, prometheus.CounterValue, float64(st.Misses), "miss")
	ch <- prometheus.MustNewConstMetric(cacheEvents, prometheus.CounterValue, float64(st.Evicted), "eviction")
}

// countCollector exports counts by state read from the database.
type countCollector struct {
	desc  *prometheus.Desc
	count func(ctx context.Context) (map[string]int, error)
}

func (cc countCollector) Describe(ch chan<- *prometheus.Desc) { ch <- cc.desc }

func (cc countCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := cc.count(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(cc.desc, err)
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(cc.desc, prometheus.GaugeValue, float64(n), state)
	}
}
