// Package sitesadmin is the hoster's panel of a multi-site server, at
// /admin/sites: it lists every site with its comment count and last
// activity, creates sites in the run-time registry (showing the owner's
// password once and the snippet) and suspends or resumes them. It has its
// own password, [natter] sites-admin-password; without one it is not
// mounted, and the path is the dispatcher's 404.
package sitesadmin

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/auth"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/sites"
	"github.com/natter/natter/static"
)

// Base is the panel's path.
const Base = "/admin/sites"

// cookieName is the session cookie, scoped to Base.
const cookieName = "natter_sites_session"

// csp: no inline script or style, no framing, forms post only here.
const csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Sites is what the panel reads of the sites served.
type Sites interface {
	Configs() []*config.Config
	Activity(ctx context.Context, name string) (int64, time.Time, error)
}

// Deps are the panel's collaborators.
type Deps struct {
	// Password is [natter] sites-admin-password.
	Password string
	Registry *sites.Registry
	Sites    Sites
	// Sync serves the registry's sites as they are now (Registered.Sync).
	Sync   func(context.Context)
	Assets *static.Assets
	// Lang is the fallback language ([natter] lang).
	Lang   string
	Logger *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

type panel struct {
	Deps
	password *auth.Password
	tokens   *tokens
	limiter  *auth.Limiter
}

// New builds the panel's app, or nil when no password is configured.
func New(ctx context.Context, d Deps) (*fiber.App, error) {
	if d.Password == "" {
		return nil, nil
	}
	if d.Registry == nil {
		return nil, errors.New("sites admin: no sites registry")
	}
	pw, err := auth.ParsePassword(d.Password)
	if err != nil {
		return nil, err
	}
	secret, err := d.Registry.Secret(ctx, "sites-admin")
	if err != nil {
		return nil, err
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	p := &panel{Deps: d, password: pw, tokens: newTokens(secret, d.Password, 12*time.Hour), limiter: auth.NewLimiter(5, 15*time.Minute)}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(securityHeaders)
	app.Get(Base, p.home)
	app.Get(Base+"/", p.home)
	app.Get(Base+"/static/:file", p.asset)
	app.Post(Base+"/login", p.login)
	app.Post(Base+"/logout", p.signedIn(p.logout))
	app.Post(Base+"/new", p.signedIn(p.create))
	app.Post(Base+"/:name/suspend", p.signedIn(p.suspend(true)))
	app.Post(Base+"/:name/resume", p.signedIn(p.suspend(false)))
	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	return app, nil
}

func securityHeaders(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentSecurityPolicy, csp)
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "same-origin")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Next()
}

// session is the request's valid session token, or "".
func (p *panel) session(c *fiber.Ctx) string {
	t := c.Cookies(cookieName)
	if t == "" || !p.tokens.valid(t, p.Now()) {
		return ""
	}
	return t
}

// signedIn guards a POST: a session and its CSRF token are required.
func (p *panel) signedIn(h func(*fiber.Ctx, string) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		t := p.session(c)
		if t == "" {
			return fiber.NewError(fiber.StatusUnauthorized, "sign in first")
		}
		if !p.tokens.checkCSRF(t, c.FormValue("csrf")) {
			return fiber.NewError(fiber.StatusForbidden, "invalid CSRF token")
		}
		return h(c, t)
	}
}

func (p *panel) asset(c *fiber.Ctx) error {
	f, ok := p.Assets.Lookup(c.Params("file"))
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderContentType, f.ContentType)
	return render.Send(c, render.Prepared{Body: f.Body, Gzip: f.Gzip(), ETag: f.ETag})
}

func (p *panel) setCookie(c *fiber.Ctx, value string, maxAge int) {
	c.Cookie(&fiber.Cookie{Name: cookieName, Value: value, Path: Base, MaxAge: maxAge,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: c.Protocol() == "https"})
}
