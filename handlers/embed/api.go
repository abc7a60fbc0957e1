package embed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/internal/origin"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/static"
)

// The widget's HTTP contract (docs/widget.md). Header and path names live
// here, in one place, so the loader (static/js/embed.js) and the handlers
// agree.
const (
	// TokenHeader carries the reader's edit tokens ("<id>:<token> …"); a
	// response carries the token of the comment it created or edited.
	TokenHeader = "X-Natter-Token"
	// TokenDropHeader names a comment whose token the loader can forget.
	TokenDropHeader = "X-Natter-Token-Drop"
	// RefusalHeader marks an error answer that is a widget fragment meant
	// to be swapped in; the loader swaps no other error (a proxy's 502, a
	// 413 from the body limit), so the reader's text is never replaced.
	RefusalHeader = "X-Natter-Refusal"
	// tokenCookiePrefix names the convenience cookie per comment.
	tokenCookiePrefix = "natter-"
	// maxTokens bounds how many tokens one request may present.
	maxTokens = 50
)

// embedAllowHeaders are the request headers the widget sends: htmx 2 and 4
// headers, our token header and Content-Type.
var embedAllowHeaders = strings.Join([]string{
	"HX-Request", "HX-Current-URL", "HX-Target", "HX-Trigger", "HX-Trigger-Name",
	"HX-Boosted", "HX-Prompt", "HX-Request-Type", "HX-Source", "HX-History-Restore-Request",
	"Content-Type", TokenHeader,
}, ", ")

// embedExposeHeaders are the response headers htmx and the loader read.
var embedExposeHeaders = strings.Join([]string{
	"HX-Trigger", "HX-Trigger-After-Swap", "HX-Trigger-After-Settle", "HX-Retarget", "HX-Reswap",
	"HX-Reselect", "HX-Redirect", "HX-Location", "HX-Refresh", "HX-Push", "HX-Push-Url", "HX-Replace-Url", TokenHeader, TokenDropHeader, RefusalHeader, "Date", "ETag",
}, ", ")

// embedAPI serves the widget.
type embedAPI struct {
	svc     *comment.Service
	origins *origin.Matcher
	assets  *static.Assets
	log     *slog.Logger
	feed    bool
	version string
	cache   *fragmentCache
	embedJS loaderFile
	countJS loaderFile
	lang    string // the site's default language ([natter] lang)
}

// Deps is what the widget needs from the site and the process.
type Deps struct {
	Site    *site.Site
	Assets  *static.Assets
	Logger  *slog.Logger
	Version string
}

// Register mounts the widget's routes and loaders.
func Register(app *fiber.App, d Deps) error {
	e := &embedAPI{
		svc: d.Site.Comments, origins: d.Site.Origins, assets: d.Assets, log: d.Logger,
		feed: d.Site.Config.RSS.Base != "", version: d.Version, cache: newFragmentCache(2000),
	}
	e.lang = d.Site.Config.Natter.Lang
	if _, ok := i18n.Lookup(e.lang); !ok {
		return fmt.Errorf("[natter] lang: %q is not a language Natter has", e.lang)
	}
	var err error
	if e.embedJS, err = newLoader(d.Assets, "embed.js"); err != nil {
		return err
	}
	if e.countJS, err = newLoader(d.Assets, "count.js"); err != nil {
		return err
	}
	app.Get("/embed.js", e.embedJS.serve)
	app.Get("/embed/count.js", e.countJS.serve)
	if err := e.registerIssoPaths(app, d.Site.Config.Natter.IssoClient); err != nil {
		return err
	}
	g := app.Group("/embed", e.cors, e.writeGuard)
	g.Get("/thread", e.thread)
	g.Get("/more", e.more)
	g.Get("/nothing", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusOK) })
	g.Get("/counts", e.counts)
	g.Post("/comments", e.create)
	g.Post("/preview", e.preview)
	g.Get("/comments/:id<int>", e.card)
	g.Get("/comments/:id<int>/reply", e.replyForm)
	g.Get("/comments/:id<int>/edit", e.editForm)
	g.Get("/comments/:id<int>/delete", e.confirmDelete)
	g.Put("/comments/:id<int>", e.edit)
	g.Delete("/comments/:id<int>", e.remove)
	g.Post("/comments/:id<int>/vote", e.vote)
	// Without JavaScript (the plain thread page): form POSTs for edit and
	// delete; create and vote take form POSTs on their own routes.
	g.Post("/comments/:id<int>/edit", e.edit)
	g.Post("/comments/:id<int>/delete", e.remove)
	return nil
}

// cors is the widget's CORS policy (style guide §4.2): the exact origin
// from the configured hosts, with credentials; nothing for other origins.
func (e *embedAPI) cors(c *fiber.Ctx) error {
	ok := SetCORS(c, e.origins)
	if c.Method() == fiber.MethodOptions {
		if ok {
			h := &c.Response().Header
			h.Set(fiber.HeaderAccessControlAllowMethods, "GET, POST, PUT, DELETE")
			h.Set(fiber.HeaderAccessControlAllowHeaders, embedAllowHeaders)
			h.Set(fiber.HeaderAccessControlMaxAge, "7200")
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
	return c.Next()
}

// SetCORS sets the widget's CORS answer headers when the request's
// Origin is allowed, and reports whether it was. The error handler uses it
// too, so the loader can read errors raised before the route ran.
func SetCORS(c *fiber.Ctx, origins *origin.Matcher) bool {
	c.Vary(fiber.HeaderOrigin)
	o, ok := origins.Allowed(c.Get(fiber.HeaderOrigin))
	if ok {
		h := &c.Response().Header
		h.Set(fiber.HeaderAccessControlAllowOrigin, o)
		h.Set(fiber.HeaderAccessControlAllowCredentials, "true")
		h.Set(fiber.HeaderAccessControlExposeHeaders, embedExposeHeaders)
	}
	return ok
}

// writeGuard protects unsafe methods (style guide §4.3): the Origin must
// be a configured host or Natter itself, and the request must carry a
// header a plain form cannot send. The exceptions are the no-JS form
// POSTs of the plain thread page (create, vote, edit, delete), which
// answer with a redirect or the page: they pass the same Origin check,
// and edit and delete also need the author's token for that comment (the
// header or the convenience cookie, first-party on Natter's own page).
func (e *embedAPI) writeGuard(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	o := c.Get(fiber.HeaderOrigin)
	_, allowed := e.origins.Allowed(o)
	if !allowed && (o == "" || o != ownOrigin(c)) {
		return e.refuse(c, fiber.StatusForbidden, "err.origin")
	}
	if isHTMX(c) || c.Get(TokenHeader) != "" {
		return c.Next()
	}
	if c.Method() == fiber.MethodPost && isForm(c) {
		switch kind, id := nojsWrite(c.Path()); kind {
		case "create", "vote":
			return c.Next()
		case "edit", "delete":
			if tokens(c)[id] == "" {
				return e.refuse(c, fiber.StatusForbidden, "err.forbidden")
			}
			return c.Next()
		}
	}
	return e.refuse(c, fiber.StatusForbidden, "err.origin")
}

func (e *embedAPI) refuse(c *fiber.Ctx, status int, key string) error {
	loc := e.locale(c, c.Query("lang"))
	return e.renderFragment(c, status, loc, messageFragment(loc.T(key)))
}

func isHTMX(c *fiber.Ctx) bool { return c.Get("HX-Request") == "true" }

func isForm(c *fiber.Ctx) bool {
	ct := c.Get(fiber.HeaderContentType)
	return strings.HasPrefix(ct, fiber.MIMEApplicationForm) || strings.HasPrefix(ct, fiber.MIMEMultipartForm)
}

// ownOrigin is Natter's own origin as the client reached it.
func ownOrigin(c *fiber.Ctx) string {
	r := reqctx.Get(c)
	return r.Scheme + "://" + r.Host
}

// base is Natter's public base URL without a trailing slash.
func base(c *fiber.Ctx) string {
	return strings.TrimRight(reqctx.Get(c).BaseURL(), "/")
}

// locale picks the reader's language: the snippet's, then
// Accept-Language, then the site's [natter] lang.
func (e *embedAPI) locale(c *fiber.Ctx, forced string) *i18n.Locale {
	return i18n.Negotiate(forced, c.Get(fiber.HeaderAcceptLanguage), e.lang)
}

// registerIssoPaths serves Isso's client paths: Natter's loaders, which
// mount the Natter widget on pages written for Isso, or, when the owner
// prefers Isso's own client, the built files from that folder (Natter
// never ships Isso's files).
func (e *embedAPI) registerIssoPaths(app *fiber.App, issoClient string) error {
	if issoClient == "" {
		for _, p := range []string{"/js/embed.min.js", "/js/embed.dev.js"} {
			app.Get(p, e.embedJS.serve)
		}
		for _, p := range []string{"/js/count.min.js", "/js/count.dev.js"} {
			app.Get(p, e.countJS.serve)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(issoClient, "embed.min.js")); err != nil {
		return fmt.Errorf("[natter] isso-client: %w", err)
	}
	// Isso serves its static files for 12 hours, with validators.
	app.Static("/js", issoClient, fiber.Static{MaxAge: 43200, ByteRange: true})
	return nil
}

// tokens reads the reader's edit tokens: the header the loader sends,
// then the convenience cookies.
func tokens(c *fiber.Ctx) map[int64]string {
	out := map[int64]string{}
	for _, f := range strings.Fields(c.Get(TokenHeader)) {
		id, tok, ok := strings.Cut(f, ":")
		if !ok || len(out) >= maxTokens {
			continue
		}
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > 0 && tok != "" {
			out[n] = tok
		}
	}
	c.Request().Header.VisitAllCookie(func(k, v []byte) {
		name := string(k)
		if !strings.HasPrefix(name, tokenCookiePrefix) || len(out) >= maxTokens {
			return
		}
		if n, err := strconv.ParseInt(strings.TrimPrefix(name, tokenCookiePrefix), 10, 64); err == nil && n > 0 {
			if _, seen := out[n]; !seen && len(v) > 0 {
				out[n] = string(v)
			}
		}
	})
	return out
}

// actor identifies the reader for the service; id selects the token.
func (e *embedAPI) actor(c *fiber.Ctx, id int64) comment.Actor {
	who := comment.Actor{IP: reqctx.Get(c).ClientIP, Origin: e.origins.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer))}
	if id > 0 {
		who.Token = tokens(c)[id]
	}
	return who
}

// giveToken hands a comment's token to the loader (header) and, as a
// convenience, to the browser (a partitioned cookie on Natter's origin).
func (e *embedAPI) giveToken(c *fiber.Ctx, id int64, token string) {
	maxAge := int(e.svc.Policy().MaxAge / time.Second)
	c.Set(TokenHeader, strconv.FormatInt(id, 10)+":"+token+"; max-age="+strconv.Itoa(maxAge))
	attrs := "; Path=/embed; Max-Age=" + strconv.Itoa(maxAge) + "; HttpOnly"
	if reqctx.Get(c).Scheme == "https" {
		attrs += "; Secure; SameSite=None; Partitioned"
	} else {
		attrs += "; SameSite=Lax"
	}
	c.Response().Header.Add(fiber.HeaderSetCookie, tokenCookiePrefix+strconv.FormatInt(id, 10)+"="+token+attrs)
}

func (e *embedAPI) dropToken(c *fiber.Ctx, id int64) {
	c.Set(TokenDropHeader, strconv.FormatInt(id, 10))
	attrs := "; Path=/embed; Max-Age=0; HttpOnly"
	if reqctx.Get(c).Scheme == "https" {
		attrs += "; Secure; SameSite=None; Partitioned"
	} else {
		attrs += "; SameSite=Lax"
	}
	c.Response().Header.Add(fiber.HeaderSetCookie, tokenCookiePrefix+strconv.FormatInt(id, 10)+"="+attrs)
}

// failure maps a service error to a status and a translated message.
func (e *embedAPI) failure(c *fiber.Ctx, loc *i18n.Locale, err error) (status int, field, msg string) {
	var inv *comment.InvalidError
	var g *comment.GuardError
	switch {
	case errors.As(err, &inv):
		return fiber.StatusUnprocessableEntity, inv.Field, loc.T("err." + inv.Code)
	case errors.As(err, &g):
		status := fiber.StatusUnprocessableEntity
		if g.Code == "ratelimit" {
			status = fiber.StatusTooManyRequests
		}
		switch g.Code {
		case "email_required":
			field = "email"
		case "author_required":
			field = "author"
		}
		return status, field, loc.T("err." + g.Code)
	case errors.Is(err, comment.ErrNotFound):
		return fiber.StatusNotFound, "", loc.T("err.not_found")
	case errors.Is(err, comment.ErrEditWindowClosed):
		return fiber.StatusForbidden, "", loc.T("err.window_closed")
	case errors.Is(err, comment.ErrForbidden):
		return fiber.StatusForbidden, "", loc.T("err.forbidden")
	}
	e.log.Error("embed", slog.String("route", c.Route().Path), slog.String("error", err.Error()))
	return fiber.StatusInternalServerError, "", loc.T("err.server")
}

// loaderFile is a loader script with the hashed asset paths filled in.
type loaderFile struct {
	body, gzip []byte
	etag       string
}

// slimLoader drops what only the source's readers need: the leading block
// comment, whole-line // comments and indentation. The loaders are
// hand-written for this (no comment after code on a line that matters, no
// multi-line strings), so the result is the same program, a third smaller.
func slimLoader(src string) string {
	if strings.HasPrefix(src, "/*") {
		if end := strings.Index(src, "*/"); end >= 0 {
			src = src[end+2:]
		}
	}
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func newLoader(assets *static.Assets, name string) (loaderFile, error) {
	f, ok := assets.Named(name)
	if !ok {
		return loaderFile{}, fmt.Errorf("handlers: %s missing from the embedded assets", name)
	}
	body := strings.NewReplacer(
		"__NATTER_HTMX__", assets.URL("htmx.min.js"),
		"__NATTER_CSS__", assets.URL("natter.css"),
		"__NATTER_TOKEN_HEADER__", TokenHeader,
		"__NATTER_TOKEN_DROP__", TokenDropHeader,
		"__NATTER_REFUSAL__", RefusalHeader,
	).Replace(string(f.Body))
	body = slimLoader(body)
	sum := sha256.Sum256([]byte(body))
	lf := loaderFile{body: []byte(body), etag: `W/"` + hex.EncodeToString(sum[:8]) + `"`}
	if gz, err := gzipBytes(lf.body); err == nil {
		lf.gzip = gz
	}
	return lf, nil
}

// serve answers with a short cache and an ETag: the path is stable, the
// content changes with each release.
func (l loaderFile) serve(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	c.Set(fiber.HeaderETag, l.etag)
	c.Vary(fiber.HeaderAcceptEncoding)
	if etagMatch(c.Get(fiber.HeaderIfNoneMatch), l.etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return sendMaybeGzip(c, l.body, l.gzip)
}

func sendMaybeGzip(c *fiber.Ctx, body, gz []byte) error {
	if len(gz) > 0 && len(gz) < len(body) && strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(gz)
	}
	return c.Send(body)
}

// etagMatch implements If-None-Match with weak comparison.
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	strip := func(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "W/") }
	for _, t := range strings.Split(header, ",") {
		if strings.TrimSpace(t) == "*" || strip(t) == strip(etag) {
			return true
		}
	}
	return false
}

// safeReturn accepts a redirect target on a configured host or on Natter.
func (e *embedAPI) safeReturn(c *fiber.Ctx, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	o := u.Scheme + "://" + u.Host
	if _, ok := e.origins.Allowed(o); ok || o == ownOrigin(c) {
		return u.String()
	}
	return ""
}
