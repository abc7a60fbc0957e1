package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/static"
)

// serveAsset serves embedded files under content-hashed names, so they can
// be cached for a year: a new build gives new names.
func serveAsset(assets *static.Assets) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, ok := assets.Lookup("/static/" + c.Params("file"))
		if !ok {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
		c.Set(fiber.HeaderContentType, f.ContentType)
		return render.Send(c, render.Prepared{Body: f.Body, Gzip: f.Gzip(), ETag: f.ETag})
	}
}
