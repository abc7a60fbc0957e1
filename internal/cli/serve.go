package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/natter/natter/handlers/sitesadmin"
	"github.com/natter/natter/internal/app"
	"github.com/natter/natter/internal/buildhash"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/server"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/sites"
	"github.com/natter/natter/static"
)

// runServe starts the server and blocks until SIGINT or SIGTERM.
func runServe(e *environment, args []string) error {
	started := time.Now()
	fs, file := newFlags(e, e.command, "Start the comment server")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	release := holdGC()
	defer release()
	l, err := loadConfig(e, *file)
	if err != nil {
		return err
	}
	if len(l.configs) == 0 {
		return fmt.Errorf("%s: no site configuration found", l.source)
	}
	// The process's log, listen address and shutdown come from the first
	// configuration (the only one, or the first site of a multi-site setup).
	first := l.configs[0]
	log, closeLog, err := newLogger(first, e.stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	// Recorded from the first line on, so configuration warnings reach
	// the admin dashboard too.
	failures := faillog.New(20)
	log = slog.New(failures.Wrap(log.Handler()))
	l.logWarnings(log)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// Sites of a multi-site setup share one cache (and keep SQLite's
	// default page caches); a single site's budget includes them.
	setMemoryLimit(e.env, l.configs, !l.multi && first.Natter.SitesAdminPassword == "", log)
	// One hash of the binary for all sites, made while the server starts.
	build := buildhash.New()
	build.Start()
	opts := app.Options{Site: site.Options{Logger: log, Build: build}, Failures: failures,
		Build: app.Build{Version: e.build.Version, Commit: e.build.commit(), Started: started}}
	// The hoster's panel creates sites, so it needs the registry.
	reg, err := openRegistry(first, first.Natter.SitesAdminPassword != "")
	if err != nil {
		return err
	}
	if reg != nil {
		defer reg.Close()
	}
	if l.multi || reg != nil {
		return serveSites(ctx, l, reg, log, opts, release)
	}
	a, err := app.New(ctx, first, opts)
	if err != nil {
		return err
	}
	start := func(ctx context.Context) func() {
		stop := a.Start(ctx, log)
		release()
		return stop
	}
	return serve(ctx, first, l.source, log, a.HTTP, start, []*config.Config{first}, false, a.Close)
}

// holdGC turns the garbage collector off until release is called. A start
// allocates a few megabytes, most of which stay live (routes, catalogues,
// templates, the database's pools); collecting on the way cost three
// cycles and about a sixth of the start's CPU to free a megabyte or two.
// A memory limit (GOMEMLIMIT or setMemoryLimit) still collects if reached.
func holdGC() (release func()) {
	percent := debug.SetGCPercent(-1)
	var once sync.Once
	return func() { once.Do(func() { debug.SetGCPercent(percent) }) }
}

// serveSites serves every named site under /<name>, and the sites of the
// run-time registry as they are added, removed or changed.
// release ends holdGC once the sites are set up.
func serveSites(ctx context.Context, l loaded, reg *sites.Registry, log *slog.Logger, opts app.Options, release func()) error {
	var named []*config.Config
	for _, c := range l.configs {
		if c.General.Name != "" {
			named = append(named, c)
		}
	}
	if len(named) < len(l.configs) {
		log.Info("a configuration without [general] name serves no site of its own; registered sites take their settings from it", slog.String("config", l.configs[0].File))
	}
	s, err := app.NewSites(ctx, named, opts)
	if err != nil {
		return err
	}
	var r *app.Registered
	if reg != nil {
		r = app.NewRegistered(s, reg, l.configs[0])
		if err := mountSitesAdmin(ctx, s, reg, r, l.configs[0], log); err != nil {
			return errors.Join(err, s.Close())
		}
	}
	start := func(ctx context.Context) func() {
		s.Start(ctx)
		if r != nil {
			r.Sync(ctx)
			go r.Watch(ctx, time.Second)
		}
		release()
		return s.Stop
	}
	return serve(ctx, l.configs[0], l.source, log, s.HTTP, start, named, true, s.Close)
}

// mountSitesAdmin serves the hoster's panel at /admin/sites when
// [natter] sites-admin-password is set.
func mountSitesAdmin(ctx context.Context, s *app.Sites, reg *sites.Registry, r *app.Registered, first *config.Config, log *slog.Logger) error {
	if first.Natter.SitesAdminPassword == "" {
		return nil
	}
	assets, err := static.New()
	if err != nil {
		return err
	}
	panel, err := sitesadmin.New(ctx, sitesadmin.Deps{Password: first.Natter.SitesAdminPassword, Registry: reg, Sites: s,
		Sync: r.Sync, Assets: assets, Lang: first.Natter.Lang, Logger: log})
	if err != nil {
		return fmt.Errorf("[natter] sites-admin-password: %w", err)
	}
	s.Dispatcher().Panel(sitesadmin.Base, panel)
	log.Info("sites admin panel", slog.String("path", sitesadmin.Base))
	return nil
}

// serve listens on first's address until ctx ends. start runs the sites'
// background work; the stop it returns runs after in-flight requests
// finished, and closeAll last, so no write is cut off.
func serve(ctx context.Context, first *config.Config, source string, log *slog.Logger, h *fiber.App,
	start func(context.Context) func(), sites []*config.Config, multi bool, closeAll func() error) error {
	defer func() {
		if err := closeAll(); err != nil {
			log.Error("close database", slog.String("error", err.Error()))
		}
	}()
	ln, url, err := server.Listen(first.Server.Listen)
	if err != nil {
		return err
	}
	for _, c := range sites {
		db, _ := site.DatabasePath(c)
		attrs := []any{slog.String("database", db)}
		if url != "" {
			attrs = append(attrs, slog.String("demo", url+mount(c, multi)+"/demo"))
		}
		log.Info("site", attrs...)
	}
	stop := start(ctx)
	defer stop() // before the databases close: deliveries in flight are recorded
	log.Info("natter started", slog.String("config", source), slog.String("listen", first.Server.Listen))
	n := first.Natter
	err = server.Serve(ctx, h, ln, server.Options{
		ReadHeaderTimeout: n.ReadHeaderTimeout, ReadTimeout: n.ReadTimeout, WriteTimeout: n.WriteTimeout,
		IdleTimeout: n.IdleTimeout, MaxConns: n.MaxConnections, MaxConnsPerIP: n.MaxConnectionsPerIP,
		ShutdownTimeout: n.ShutdownTimeout,
	})
	log.Info("natter stopped")
	return err
}

// mount is the path a site is served under ("" for a single site).
func mount(c *config.Config, multi bool) string {
	if !multi {
		return ""
	}
	return "/" + c.General.Name
}

// newLogger builds the process logger from [natter] log-level/log-format
// and Isso's [general] log-file.
func newLogger(cfg *config.Config, stderr io.Writer) (*slog.Logger, func(), error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Natter.LogLevel)); err != nil {
		return nil, nil, fmt.Errorf("[natter] log-level: %w", err)
	}
	out, closeFn := stderr, func() {}
	if cfg.General.LogFile != "" {
		f, err := os.OpenFile(cfg.General.LogFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
		if err != nil {
			return nil, nil, fmt.Errorf("[general] log-file: %w", err)
		}
		out, closeFn = f, func() { f.Close() }
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Natter.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(out, opts)), closeFn, nil
	}
	return slog.New(slog.NewTextHandler(out, opts)), closeFn, nil
}

// memoryHeadroom is what the process needs beside its caches: requests,
// the runtime and the collector's slack. A read of a 10,000-comment
// thread right after a write allocates about 10 MB; with 32 MiB the
// collector ran every few such reads and their p99 doubled
// (docs/benchmarks.md, next read).
const memoryHeadroom = 48 << 20

// setMemoryLimit gives Go's collector a soft limit of the cache budget
// plus headroom, unless GOMEMLIMIT says otherwise: the heap then
// stays near what the budgets allow instead of doubling before each
// collection (docs/operations.md, "Cache budget").
func setMemoryLimit(env []string, cfgs []*config.Config, single bool, log *slog.Logger) {
	if lookupEnv(env, "GOMEMLIMIT") != "" {
		return
	}
	// One cache: a single site's, or the one all sites of a multi-site
	// setup share within the first configuration's budget.
	budget := max(cfgs[0].Natter.CacheBudget, 0)
	if db, err := site.DatabasePath(cfgs[0]); err == nil && single {
		budget -= site.PageCacheShare(budget, db) // SQLite's page caches, outside Go's heap
	}
	limit := int64(memoryHeadroom) + budget
	debug.SetMemoryLimit(limit)
	log.Debug("memory limit", slog.Int64("bytes", limit))
}
