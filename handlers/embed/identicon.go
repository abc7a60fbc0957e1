package embed

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/identicon"
)

// identiconCSP confines an identicon opened on its own: it is an SVG of
// rectangles, with nothing to run or load.
const identiconCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

func newIdenticons(c *cache.Cache) *cache.Space[render.Prepared] {
	return cache.NewSpace(c, "identicon", func(p render.Prepared) int64 { return int64(p.Size()) })
}

// identicon is GET /embed/identicons/<key>.svg (components.IdenticonURL):
// one image per drawing, the same for every thread and site, so browsers
// keep it for good. Only names identicon.Key makes are drawn; anything
// else is 404.
func (w *widget) identicon(c *fiber.Ctx) error {
	key, ok := strings.CutSuffix(c.Params("file"), ".svg")
	if !ok || len(key) != identicon.KeyLen {
		return fiber.ErrNotFound
	}
	p, ok := w.identicons.Get(key)
	if !ok {
		svg, valid := identicon.ForKey(key)
		if !valid {
			return fiber.ErrNotFound
		}
		p = render.Prepare([]byte(svg))
		w.identicons.Set(key, p)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	c.Set(fiber.HeaderContentSecurityPolicy, identiconCSP)
	return render.Send(c, p)
}
