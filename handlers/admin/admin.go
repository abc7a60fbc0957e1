package admin

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/card"
	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/auth"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/internal/notify"
	"github.com/natter/natter/internal/origin"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/static"
	view "github.com/natter/natter/views/admin"
)

// Admin session and login limits.
const (
	sessionTTL   = 24 * time.Hour // Isso's admin cookie lasts a day too
	loginMax     = 5              // failures per address …
	loginWindow  = 15 * time.Minute
	pageSize     = 50
	cookieLang   = "natter_admin_lang"
	cookieTheme  = "natter_admin_theme"
	cookieSecure = "__Host-natter_admin"
	cookiePlain  = "natter_admin"
)

// panelCSP: the panel runs no inline script or style and is never framed
// (the shared components size themselves with classes, and htmx's
// indicator <style> is off in the shell's htmx-config); comment bodies are
// sanitised and carry no style.
const panelCSP = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data: https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Prefixes are the panel's paths; the app exempts them from Isso's CORS
// policy when the panel is enabled (Isso's disabled stub keeps it).
var Prefixes = []string{"/admin/", "/login/"}

// Deps is what the panel needs from the site and the process.
type Deps struct {
	Site     *site.Site
	Assets   *static.Assets
	Logger   *slog.Logger
	Failures *faillog.Log
	// Version and Commit identify the binary, and Started is when the
	// process started (zero: when Register ran), for the Debug page.
	Version, Commit string
	Started         time.Time
}

type localKey int

const (
	localSession localKey = iota
	localEnv
)

// panel serve the admin panel.
type panel struct {
	admin    *comment.Admin
	password *auth.Password
	sessions *auth.Sessions
	limiter  auth.LoginLimiter
	assets   *static.Assets
	failures *faillog.Log
	notify   *notify.Notifier
	unlisted *origin.Unlisted // pages refused for not being in [general] host
	db       *store.Store     // exports read it
	dbPath   string           // backups copy it; imports open it again
	// bodyLimit is [natter] body-limit, which bounds uploads too.
	bodyLimit int
	log       *slog.Logger
	siteURL   string // first configured host, for links to public pages
	// The Debug page's figures.
	cache           *cache.Cache
	version, commit string
	started         time.Time
}

// Register mounts the panel on /admin/ and /login/ when [admin] enabled
// is true; Isso's disabled stub answers otherwise.
func Register(app *fiber.App, d Deps) error {
	cfg := d.Site.Config
	if !cfg.Admin.Enabled {
		return nil
	}
	pw, err := auth.ParsePassword(cfg.Admin.Password)
	if err != nil {
		return err
	}
	secret, err := d.Site.DB.AdminSecret(context.Background())
	if err != nil {
		return err
	}
	h := &panel{
		admin:    comment.NewAdmin(d.Site.Comments, d.Site.DB.Admin()),
		password: pw,
		sessions: auth.NewSessions(secret, cfg.Admin.Password, sessionTTL, d.Site.DB.AdminSessions()),
		limiter:  auth.NewStoreLimiter(loginMax, loginWindow, d.Site.DB.LoginFailures(), d.Logger),
		assets:   d.Assets,
		failures: d.Failures,
		notify:   d.Site.Notify,
		unlisted: d.Site.Unlisted,
		db:       d.Site.DB, dbPath: d.Site.DBPath, bodyLimit: cfg.Natter.BodyLimit,
		log:     d.Logger,
		siteURL: firstHost(d.Site),
		cache:   d.Site.Cache, version: d.Version, commit: d.Commit, started: d.Started,
	}
	if h.started.IsZero() {
		h.started = time.Now()
	}
	app.Get("/login/", h.headers, h.showLogin)
	app.Post("/login/", h.headers, h.login)
	g := app.Group("/admin", h.headers)
	g.Get("/prefs", h.prefs)
	g.Post("/logout", h.auth, h.logout)
	registerProfiles(g, h.auth)
	g.Get("/debug", h.auth, h.showDebug)
	g.Post("/logout-all", h.auth, h.logoutAll)
	g.Get("/", h.auth, h.queue)
	g.Post("/bulk", h.auth, h.bulk)
	g.Get("/dashboard", h.auth, h.dashboard)
	g.Get("/threads", h.auth, h.threads)
	g.Get("/threads/:id<int>", h.auth, h.thread)
	g.Post("/threads/:id<int>", h.auth, h.saveThread)
	g.Get("/comments/:id<int>/row", h.auth, h.showRow)
	g.Get("/comments/:id<int>/edit", h.auth, h.editForm)
	g.Post("/comments/:id<int>/edit", h.auth, h.saveEdit)
	g.Post("/comments/:id<int>/preview", h.auth, h.preview)
	g.Post("/comments/:id<int>/approve", h.auth, h.approve)
	g.Post("/comments/:id<int>/delete", h.auth, h.remove)
	g.Post("/trash/:id<int>/restore", h.auth, h.restore)
	h.notifyRoutes(g)
	h.dataRoutes(g)
	return nil
}

// firstHost is the first configured host that is a URL: a wildcard
// ("http://localhost:*") matches origins but names none, so links to
// public pages use the next host, or none.
func firstHost(s *site.Site) string {
	for _, h := range s.Config.General.Hosts {
		if !strings.Contains(h, "*") && (strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://")) {
			return strings.TrimRight(h, "/")
		}
	}
	return ""
}

// headers applies the panel's response policy to every admin response,
// including errors: never cached (it shows private data), never framed,
// and different for htmx and full-page requests to the same URL.
func (h *panel) headers(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentSecurityPolicy, panelCSP)
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "same-origin")
	c.Vary("HX-Request")
	msgs := h.language(c)
	loc, ok := i18n.Lookup(msgs.Tag)
	if !ok {
		loc = i18n.English()
	}
	c.SetUserContext(i18n.With(c.UserContext(), loc))
	c.Locals(localEnv, view.Env{M: msgs, Base: reqctx.Get(c).BaseURL(), Now: h.admin.Now()})
	if err := c.Next(); err != nil {
		return h.fail(c, err)
	}
	return nil
}

// fail answers the panel's errors itself, so they keep its headers and
// never pass through the Isso-format error handler (which adds CORS).
func (h *panel) fail(c *fiber.Ctx, err error) error {
	code, msg := fiber.StatusInternalServerError, "Internal Server Error"
	var fe *fiber.Error
	if errors.As(err, &fe) {
		code, msg = fe.Code, fe.Message
	} else if errors.Is(err, comment.ErrUnavailable) {
		code, msg = fiber.StatusServiceUnavailable, env(c).M.T("error.unavailable")
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(comment.RetryAfter.Seconds())))
	} else {
		h.log.Error("request failed", slog.String("route", c.Route().Path), slog.String("error", err.Error()))
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
	return c.Status(code).SendString(msg)
}

func (h *panel) language(c *fiber.Ctx) view.Msgs {
	if l := c.Cookies(cookieLang); l != "" {
		return view.Language(l)
	}
	return view.Language(i18n.Negotiate("", c.Get(fiber.HeaderAcceptLanguage), "en").Tag)
}

func env(c *fiber.Ctx) view.Env {
	e, _ := c.Locals(localEnv).(view.Env)
	return e
}

func isHTMX(c *fiber.Ctx) bool { return c.Get("HX-Request") == "true" }

// relative is the request's path and query below the base path.
func relative(c *fiber.Ctx) string {
	p := c.Path()
	if q := string(c.Request().URI().QueryString()); q != "" {
		p += "?" + q
	}
	return p
}

// safeBack keeps return addresses inside the panel (no open redirects).
func safeBack(s string) string {
	if !strings.HasPrefix(s, "/admin/") || strings.ContainsAny(s, "\\\r\n") || strings.HasPrefix(s, "/admin//") {
		return "/admin/"
	}
	return s
}

func (h *panel) page(c *fiber.Ctx, title, nav string) (view.Page, error) {
	e := env(c)
	p := view.Page{Env: e, Title: title, Nav: nav, Here: safeBack(relative(c)),
		CSSURL: e.Base + h.assets.URL("natter.css"), HTMXURL: e.Base + h.assets.URL("htmx.min.js"),
		Theme: theme(c)}
	if _, ok := c.Locals(localSession).(auth.Session); ok {
		p.Session = true
		counts, err := h.counts(c.UserContext())
		if err != nil {
			return p, err
		}
		p.Counts = counts
	}
	return p, nil
}

// counts are the queue sizes the navigation shows.
func (h *panel) counts(ctx context.Context) (view.Counts, error) {
	n, err := h.admin.Counts(ctx)
	return view.Counts{Pending: n.Pending, Approved: n.Approved, Deleted: n.Deleted}, err
}

// row maps a comment to the list row the views draw, on the shared card.
func (h *panel) row(e view.Env, r comment.AdminRow, back string) view.Row {
	it := h.admin.Show(r)
	c := card.Props(it.Shown, e.Now, e.Base)
	c.Reply = false // the panel lists every comment at one level
	if h.siteURL != "" && strings.HasPrefix(it.ThreadURI, "/") {
		c.Permalink = h.siteURL + it.ThreadURI + "#isso-" + strconv.FormatInt(it.ID, 10)
	}
	return view.Row{ID: it.ID, TrashID: it.TrashID, State: string(it.State), Card: c, ThreadID: it.ThreadID,
		ThreadURI: it.ThreadURI, ThreadTitle: it.ThreadTitle, Email: it.Email, IP: it.RemoteAddr,
		Back: safeBack(back), Selectable: true, Parent: it.Parent, DeletedAt: it.DeletedAt}
}

// mapError maps service errors for the panel.
func mapError(c *fiber.Ctx, err error) error {
	e := env(c)
	var inv *comment.InvalidError
	switch {
	case errors.Is(err, comment.ErrNotFound):
		return c.Status(fiber.StatusNotFound).SendString(e.M.T("error.not_found"))
	case errors.As(err, &inv):
		return c.Status(fiber.StatusUnprocessableEntity).SendString(e.M.T("error.invalid", "msg", inv.Message))
	case errors.Is(err, comment.ErrForbidden):
		return fiber.ErrForbidden
	}
	return err
}
