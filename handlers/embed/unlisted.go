package embed

import (
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"

	ui "github.com/natter/natter/views/embed"
)

// UnlistedHeader names, on the widget's refusal, the page origin missing
// from [general] host ("null" for a file:// page).
const UnlistedHeader = "X-Natter-Unlisted-Origin"

// unlistedOrigin reports the Origin of a widget load (GET /embed/thread,
// or its preflight) from a page whose origin is neither in [general]
// host nor Natter's own: the most likely setup mistake.
func (w *widget) unlistedOrigin(c *fiber.Ctx) (string, bool) {
	o := c.Get(fiber.HeaderOrigin)
	if o == "" || o == ownOrigin(c) || !strings.HasSuffix(c.Path(), "/embed/thread") {
		return "", false
	}
	if _, ok := w.origins.Allowed(o); ok {
		return "", false
	}
	switch c.Method() {
	case fiber.MethodGet:
		return o, true
	case fiber.MethodOptions:
		return o, c.Get(fiber.HeaderAccessControlRequestMethod) == fiber.MethodGet
	}
	return "", false
}

// refuseUnlisted tells the reader that comments are not enabled here and
// the site owner (in the browser console, through the loader) which
// origin to add. Only this fixed refusal is readable cross-origin: the
// CORS headers name the page's origin on this answer alone, never on the
// thread, so no comment reaches a page that is not listed.
func (w *widget) refuseUnlisted(c *fiber.Ctx, o string) error {
	h := &c.Response().Header
	h.Set(fiber.HeaderAccessControlAllowOrigin, o)
	h.Set(fiber.HeaderAccessControlAllowCredentials, "true")
	h.Set(fiber.HeaderAccessControlExposeHeaders, exposeHeaders+", "+UnlistedHeader)
	if c.Method() == fiber.MethodOptions {
		h.Set(fiber.HeaderAccessControlAllowMethods, fiber.MethodGet)
		h.Set(fiber.HeaderAccessControlAllowHeaders, allowHeaders)
		return c.SendStatus(fiber.StatusNoContent)
	}
	if w.unlisted.Note(o, w.svc.Now()) {
		w.log.Warn("widget requested by a page whose origin is not in [general] host; add it there to enable comments",
			slog.String("origin", o))
	}
	c.Set(UnlistedHeader, o)
	c.Set(fiber.HeaderCacheControl, "no-store")
	loc := w.locale(c, c.Query("lang"))
	hint := loc.T("console.unlisted", "origin", o)
	if o == "null" {
		hint = loc.T("console.unlisted_null")
	}
	return w.renderFragment(c, fiber.StatusForbidden, loc, ui.Unlisted(loc.T("err.unlisted"), hint))
}
