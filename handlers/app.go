// Package handlers translates HTTP into calls on Natter's services and
// renders their results. It is the only place that lists routes and the
// order of middleware.
package handlers

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/natter/natter/handlers/admin"
	"github.com/natter/natter/handlers/embed"
	"github.com/natter/natter/handlers/isso"
	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/handlers/replay"
	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/notify"
	"github.com/natter/natter/internal/remoteaddr"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/static"
	"github.com/valyala/fasthttp"
)

// Build identifies the running binary, and when it started.
type Build struct {
	Version string
	Commit  string
	Started time.Time
}

// Deps is everything the HTTP layer needs; main builds it once.
type Deps struct {
	Site   *site.Site
	Assets *static.Assets
	Logger *slog.Logger
	// Failures records the warnings and errors Logger writes, for the
	// admin dashboard; nil makes New wrap Logger itself.
	Failures *faillog.Log
	Build    Build
}

// ownCORSPrefixes are the paths with a CORS policy other than Isso's: the
// widget has its own allow-list, the admin panel and operational endpoints
// send none.
var ownCORSPrefixes = []string{"/static/", "/healthz", "/readyz", "/metrics", "/embed"}

// skipsIssoCORS reports whether path is under one of prefixes.
func skipsIssoCORS(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// New builds the Fiber application that main serves and tests exercise.
func New(d Deps) (*fiber.App, error) {
	if d.Site == nil || d.Assets == nil || d.Logger == nil {
		return nil, errors.New("handlers: incomplete dependencies")
	}
	if d.Failures == nil {
		d.Failures = faillog.New(20)
		d.Logger = slog.New(d.Failures.Wrap(d.Logger.Handler()))
	}
	cfg := d.Site.Config
	resolver, err := remoteaddr.NewResolver(cfg.Server.TrustedProxies)
	if err != nil {
		return nil, err
	}
	corsSkip := ownCORSPrefixes
	if cfg.Admin.Enabled { // the panel is same-origin only: no CORS at all
		corsSkip = append(slices.Clone(ownCORSPrefixes), admin.Prefixes...)
	}
	app := fiber.New(fiber.Config{
		// Strings from the context outlive handlers (logs, caches, goroutines).
		Immutable: true,
		BodyLimit: cfg.Natter.BodyLimit,
		// Isso routes /admin/ and /login/ only with the slash, and 404s
		// other paths with a trailing slash.
		StrictRouting:         true,
		DisableStartupMessage: true,
		ErrorHandler:          errorHandler(d.Logger, d.Site.Origins, corsSkip),
		ReadBufferSize:        16 << 10,
	})
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: logPanic(d.Logger)}))
	// reqctx may restart routing after removing a sub-path prefix, so
	// it runs before the access log, which must see each request once.
	app.Use(reqctx.Middleware(resolver))
	// Messages a write queues link back to the address it used (unless
	// [server] public-endpoint names one); reads queue none.
	app.Use(func(c *fiber.Ctx) error {
		if m := c.Method(); m != fiber.MethodGet && m != fiber.MethodHead && m != fiber.MethodOptions {
			c.SetUserContext(notify.WithEndpoint(c.UserContext(), reqctx.Get(c).BaseURL()))
		}
		return c.Next()
	})
	m := newMetrics(d.Site)
	requests := requestLog{log: d.Logger, m: m}
	app.Use(requests.middleware())
	app.Use(noSniff)
	app.Use(isso.CORS(d.Site.Origins, corsSkip...))

	app.Get("/healthz", healthz)
	app.Get("/readyz", readyz(d.Site.DB))
	app.Get("/static/:file", serveAsset(d.Assets))
	if err := mountMetrics(app, m, cfg.Natter.MetricsFrom); err != nil {
		return nil, err
	}

	// The widget: its own CORS policy (style guide §4.2), loaders at
	// /embed.js and Isso's client paths.
	if err := embed.Register(app, embed.Deps{Site: d.Site, Assets: d.Assets, Logger: d.Logger, Version: d.Build.Version}); err != nil {
		return nil, err
	}

	// The admin panel (when [admin] enabled): same origin only, no CORS.
	if err := admin.Register(app, admin.Deps{Site: d.Site, Assets: d.Assets, Logger: d.Logger, Failures: d.Failures,
		Version: d.Build.Version, Commit: d.Build.Commit, Started: d.Build.Started}); err != nil {
		return nil, err
	}

	demo := showDemo(d.Assets, d.Build, cfg.Natter.Lang)
	app.Get("/demo", demo)
	app.Get("/demo/", demo)

	issoCSS, ok := d.Assets.Named("isso.css")
	if !ok {
		return nil, errors.New("handlers: isso.css missing from the embedded assets")
	}
	isso.Register(app, isso.Deps{
		Comments: d.Site.Comments, Origins: d.Site.Origins, Logger: d.Logger,
		PublicEndpoint: cfg.Server.PublicEndpoint, SameSite: cfg.Server.SameSite,
		RSSBase: cfg.RSS.Base, RSSLimit: cfg.RSS.Limit, AdminEnabled: cfg.Admin.Enabled,
		StyleSheet: issoCSS.Body, IssoClient: cfg.Natter.IssoClient, Cache: d.Site.Cache,
		Lang: cfg.Natter.Lang, StyleURL: d.Assets.URL("natter.css"),
	})
	replayAhead(app, d.Site, requests)
	return app, nil
}

// replayAhead puts the site's replay memo in front of app's routing:
// answers the handlers marked (replay.Keep) are repeated from it, with
// the request id, log line and metrics of requests.
func replayAhead(app *fiber.App, st *site.Site, requests requestLog) {
	if st.ReplayBudget <= 0 {
		return
	}
	memo := replay.New(replay.Options{
		MaxBytes:   st.ReplayBudget,
		Generation: func(now time.Time) uint64 { return st.Comments.GenerationAt(context.Background(), now) },
		Now:        st.Comments.Now,
		Recorder:   requests,
	})
	app.Server().Handler = memo.Wrap(app.Server().Handler)
}

// Serving is app's handler with what New put ahead of its routing (the
// replay memo): what a server or dispatcher serving app calls.
func Serving(app *fiber.App) fasthttp.RequestHandler {
	app.Handler() // builds the routing tree
	return app.Server().Handler
}

// noSniff tells browsers to trust every answer's Content-Type: JSON and
// feeds must never be read as HTML or script (an Isso client reads them
// with fetch, which the header does not affect).
func noSniff(c *fiber.Ctx) error {
	render.SetHeader(c, fiber.HeaderXContentTypeOptions, "nosniff")
	return c.Next()
}
