package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
)

// Sites is a multi-site setup: every configuration with a [general] name,
// and every site of the run-time registry, served under /<name> from one
// listener, as Isso's dispatcher does.
type Sites struct {
	HTTP *fiber.App

	o    Options
	base *slog.Logger
	d    *handlers.Dispatcher
	mu   sync.Mutex
	cfgs map[string]*config.Config
	apps map[string]*App // the sites opened so far
	// cache is shared by every site (each under its name), within the
	// first configuration's budget.
	cache *cache.Cache
	// run is the context sites run in once Start was called; stops ends
	// each site's background work.
	run   context.Context
	stops map[string]func()
}

// NewSites opens each site with its own database, logger and dashboard
// failures, and builds the dispatcher in front of them.
func NewSites(ctx context.Context, cfgs []*config.Config, o Options) (*Sites, error) {
	s := &Sites{o: o, base: o.Site.Logger, cfgs: map[string]*config.Config{}, apps: map[string]*App{}, stops: map[string]func(){}}
	if s.base == nil {
		s.base = slog.Default()
	}
	limit, budget := 0, int64(comment.DefaultCacheBudget)
	for i, cfg := range cfgs {
		limit = max(limit, cfg.Natter.BodyLimit)
		if i == 0 && cfg.Natter.CacheBudget > 0 {
			budget = cfg.Natter.CacheBudget
		}
	}
	s.cache = cache.New(budget)
	s.d = handlers.NewDispatcher(limit)
	s.HTTP = s.d.HTTP
	for _, cfg := range cfgs {
		if err := s.Mount(ctx, cfg); err != nil {
			return nil, errors.Join(err, s.Close())
		}
	}
	return s, nil
}

// Mount serves cfg's site under /<name>; its database is opened by the
// first request for it, so many sites start at once.
func (s *Sites) Mount(ctx context.Context, cfg *config.Config) error {
	name := cfg.General.Name
	s.mu.Lock()
	s.cfgs[name] = cfg
	s.mu.Unlock()
	s.d.MountLazy(name, func() (*fiber.App, handlers.Readier, error) {
		a, err := s.open(context.WithoutCancel(ctx), cfg)
		if err != nil {
			s.base.Error("site unavailable", slog.String("site", name), slog.String("error", err.Error()))
			return nil, nil, err
		}
		return a.HTTP, a.Site.DB, nil
	})
	return nil
}

// open opens a site with its own logger and dashboard failures, on the
// process's shared cache, and starts its background work if serving.
func (s *Sites) open(ctx context.Context, cfg *config.Config) (*App, error) {
	o := s.o
	failures := faillog.New(20)
	o.Site.Logger = slog.New(failures.Wrap(s.base.Handler())).With(slog.String("site", cfg.General.Name))
	o.Failures = failures
	o.Site.Cache = s.cache.Sub(cfg.General.Name)
	a, err := New(ctx, cfg, o)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apps[cfg.General.Name] = a
	if s.run != nil {
		s.stops[cfg.General.Name] = a.Start(s.run, s.base)
	}
	return a, nil
}

// Configs lists the configurations of the sites served.
func (s *Sites) Configs() []*config.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*config.Config, 0, len(s.cfgs))
	for _, c := range s.cfgs {
		out = append(out, c)
	}
	return out
}

// Start runs every site's background work, and that of sites mounted
// later, until ctx ends. Stop ends it.
func (s *Sites) Start(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.run = ctx
	for name, a := range s.apps {
		s.stops[name] = a.Start(ctx, s.base)
	}
}

// Stop ends every site's background work and waits for it.
func (s *Sites) Stop() {
	s.mu.Lock()
	stops := s.stops
	s.stops = map[string]func(){}
	s.mu.Unlock()
	for _, stop := range stops {
		stop()
	}
}

// Unmount stops serving name and closes its database.
func (s *Sites) Unmount(name string) error {
	s.d.Unmount(name)
	s.mu.Lock()
	a, stop := s.apps[name], s.stops[name]
	delete(s.cfgs, name)
	delete(s.apps, name)
	delete(s.stops, name)
	s.mu.Unlock()
	if stop != nil {
		stop()
	}
	if a == nil {
		return nil
	}
	return a.Close()
}

// Apps lists the sites served now.
func (s *Sites) Apps() []*App {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*App, 0, len(s.apps))
	for _, a := range s.apps {
		out = append(out, a)
	}
	return out
}

// Activity counts the comments of site name and tells when the last was
// written, opening the site if no request has yet.
func (s *Sites) Activity(ctx context.Context, name string) (int64, time.Time, error) {
	if err := s.d.Open(name); err != nil {
		return 0, time.Time{}, err
	}
	s.mu.Lock()
	a := s.apps[name]
	s.mu.Unlock()
	if a == nil {
		return 0, time.Time{}, errors.New("site " + name + " is not open")
	}
	return a.Site.DB.Activity(ctx)
}

// Dispatcher is the dispatcher in front of the sites.
func (s *Sites) Dispatcher() *handlers.Dispatcher { return s.d }

// Has reports whether name is served.
func (s *Sites) Has(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfgs[name] != nil
}

// Close closes every site's database.
func (s *Sites) Close() error {
	var errs []error
	for _, a := range s.Apps() {
		errs = append(errs, a.Close())
	}
	return errors.Join(errs...)
}
