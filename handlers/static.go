package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

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
		c.Set(fiber.HeaderETag, f.ETag)
		c.Vary(fiber.HeaderAcceptEncoding)
		if c.Get(fiber.HeaderIfNoneMatch) == f.ETag {
			return c.SendStatus(fiber.StatusNotModified)
		}
		if len(f.GzipBody) > 0 && strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
			c.Set(fiber.HeaderContentEncoding, "gzip")
			return c.Send(f.GzipBody)
		}
		return c.Send(f.Body)
	}
}
