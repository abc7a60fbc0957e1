// Package render writes templ components as HTML responses, for every
// presenter that answers with HTML.
package render

import (
	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"
)

// HTML writes comp as the response with status.
func HTML(c *fiber.Ctx, status int, comp templ.Component) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return comp.Render(c.UserContext(), c.Response().BodyWriter())
}
