package isso

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/origin"
)

// CORS reproduces Isso's policy: every response carries the matched
// configured origin (never "*", never an unlisted origin) with credentials,
// and every OPTIONS request is answered at once. Unlisted origins are not
// refused here; the browser refuses them because the origin differs.
// skip lists path prefixes with policies of their own (the widget, admin).
func CORS(m *origin.Matcher, skip ...string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		for _, p := range skip {
			if strings.HasPrefix(c.Path(), p) {
				return c.Next()
			}
		}
		SetCORS(c, m)
		if c.Method() == fiber.MethodOptions {
			// Isso answers with an empty body (SendStatus would write "OK").
			render.SetHeader(c, fiber.HeaderContentType, fiber.MIMETextPlain)
			c.Status(fiber.StatusOK)
			return nil
		}
		return c.Next()
	}
}

// SetCORS adds Isso's CORS headers to the response. The central error
// handler uses it too, for answers Fiber gives before any middleware ran
// (an oversized body).
func SetCORS(c *fiber.Ctx, m *origin.Matcher) {
	render.SetHeader(c, fiber.HeaderAccessControlAllowOrigin, m.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer)))
	render.SetHeader(c, fiber.HeaderAccessControlAllowCredentials, "true")
	render.SetHeader(c, fiber.HeaderAccessControlAllowMethods, "HEAD, GET, POST, PUT, DELETE")
	render.SetHeader(c, fiber.HeaderAccessControlAllowHeaders, "Origin, Referer, Content-Type")
	render.SetHeader(c, fiber.HeaderAccessControlExposeHeaders, "X-Set-Cookie, Date")
}
