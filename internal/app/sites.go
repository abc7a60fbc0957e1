package app

import (
	"context"
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
)

// Sites is a multi-site setup: every configuration with a [general] name
// served under /<name> from one listener, as Isso's dispatcher does.
type Sites struct {
	Apps []*App
	HTTP *fiber.App
}

// NewSites opens each site with its own database, logger and dashboard
// failures, and builds the dispatcher in front of them.
func NewSites(ctx context.Context, cfgs []*config.Config, o Options) (*Sites, error) {
	base := o.Site.Logger
	if base == nil {
		base = slog.Default()
	}
	s := &Sites{}
	mounts := map[string]*fiber.App{}
	dbs := map[string]handlers.Readier{}
	limit := 0
	for _, cfg := range cfgs {
		so := o
		failures := faillog.New(20)
		so.Site.Logger = slog.New(failures.Wrap(base.Handler())).With(slog.String("site", cfg.General.Name))
		so.Failures = failures
		a, err := New(ctx, cfg, so)
		if err != nil {
			return nil, errors.Join(err, s.Close())
		}
		s.Apps = append(s.Apps, a)
		mounts[cfg.General.Name] = a.HTTP
		dbs[cfg.General.Name] = a.Site.DB
		limit = max(limit, cfg.Natter.BodyLimit)
	}
	s.HTTP = handlers.Dispatch(mounts, dbs, limit)
	return s, nil
}

// Close closes every site's database.
func (s *Sites) Close() error {
	var errs []error
	for _, a := range s.Apps {
		errs = append(errs, a.Close())
	}
	return errors.Join(errs...)
}
