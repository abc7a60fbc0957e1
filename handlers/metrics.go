package handlers

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/metrics"
	"github.com/natter/natter/internal/remoteaddr"
	"github.com/natter/natter/internal/site"
)

// newMetrics builds the site's metrics from its cache, database and
// queues.
func newMetrics(st *site.Site) *metrics.Metrics {
	admin := comment.NewAdmin(st.Comments, st.DB.Admin())
	pools := map[string]*sql.DB{}
	if db, err := st.DB.Reader().DB(); err == nil {
		pools["reader"] = db
	}
	if db, err := st.DB.Writer().DB(); err == nil {
		pools["writer"] = db
	}
	return metrics.New(metrics.Sources{
		Cache: st.Cache, Pools: pools, Outbox: st.DB.Outbox().CountByState,
		WriteBatches: st.DB.ObserveWriteBatches,
		Comments: func(ctx context.Context) (map[string]int, error) {
			n, err := admin.Counts(ctx)
			return map[string]int{"pending": n.Pending, "approved": n.Approved, "deleted": n.Deleted}, err
		},
	})
}

// mountMetrics serves /metrics to the client addresses [natter]
// metrics-from lists (loopback by default: the figures name routes and
// volumes); "off" serves nothing.
func mountMetrics(app *fiber.App, m *metrics.Metrics, from []string) error {
	if len(from) == 1 && from[0] == "off" {
		return nil
	}
	allowed, err := remoteaddr.NewResolver(from)
	if err != nil {
		return fmt.Errorf("[natter] metrics-from: %w", err)
	}
	app.Get("/metrics", func(c *fiber.Ctx) error {
		if !allowed.Trusted(reqctx.Get(c).ClientIP) {
			return fiber.ErrNotFound
		}
		return c.Next()
	}, m.Handler())
	return nil
}
