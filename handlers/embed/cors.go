package embed

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/origin"
)

// allowHeaders are the request headers the widget sends: htmx 2 and 4
// headers, our token header and Content-Type.
var allowHeaders = strings.Join([]string{
	"HX-Request", "HX-Current-URL", "HX-Target", "HX-Trigger", "HX-Trigger-Name",
	"HX-Boosted", "HX-Prompt", "HX-Request-Type", "HX-Source", "HX-History-Restore-Request",
	"Content-Type", TokenHeader,
}, ", ")

// exposeHeaders are the response headers htmx and the loader read.
var exposeHeaders = strings.Join([]string{
	"HX-Trigger", "HX-Trigger-After-Swap", "HX-Trigger-After-Settle", "HX-Retarget", "HX-Reswap",
	"HX-Reselect", "HX-Redirect", "HX-Location", "HX-Refresh", "HX-Push", "HX-Push-Url", "HX-Replace-Url",
	TokenHeader, TokenDropHeader, RefusalHeader, "Date", "ETag",
}, ", ")

// cors is the widget's CORS policy (style guide §4.2): the exact origin
// from the configured hosts, with credentials; nothing for other origins.
func (w *widget) cors(c *fiber.Ctx) error {
	ok := SetCORS(c, w.origins)
	if o, unlisted := w.unlistedOrigin(c); unlisted {
		return w.refuseUnlisted(c, o)
	}
	if c.Method() != fiber.MethodOptions {
		return c.Next()
	}
	if ok {
		render.SetHeader(c, fiber.HeaderAccessControlAllowMethods, "GET, POST, PUT, DELETE")
		render.SetHeader(c, fiber.HeaderAccessControlAllowHeaders, allowHeaders)
		render.SetHeader(c, fiber.HeaderAccessControlMaxAge, "7200")
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// SetCORS sets the widget's CORS answer headers when the request's Origin
// is allowed, and reports whether it was. The app's error handler uses it
// too, so the loader can read errors raised before the route ran.
func SetCORS(c *fiber.Ctx, origins *origin.Matcher) bool {
	c.Vary(fiber.HeaderOrigin)
	o, ok := origins.Allowed(c.Get(fiber.HeaderOrigin))
	if ok {
		render.SetHeader(c, fiber.HeaderAccessControlAllowOrigin, o)
		render.SetHeader(c, fiber.HeaderAccessControlAllowCredentials, "true")
		render.SetHeader(c, fiber.HeaderAccessControlExposeHeaders, exposeHeaders)
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
func (w *widget) writeGuard(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	o := c.Get(fiber.HeaderOrigin)
	if _, allowed := w.origins.Allowed(o); !allowed && (o == "" || o != ownOrigin(c)) {
		return w.refuse(c, fiber.StatusForbidden, "err.origin")
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
				return w.refuse(c, fiber.StatusForbidden, "err.forbidden")
			}
			return c.Next()
		}
	}
	return w.refuse(c, fiber.StatusForbidden, "err.origin")
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
