package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/static"
	"github.com/natter/natter/views/demo"
)

// showDemo renders the page that explains how to embed Natter.
func showDemo(assets *static.Assets, b Build) fiber.Handler {
	return func(c *fiber.Ctx) error {
		base := reqctx.Get(c).BaseURL()
		return render.HTML(c, fiber.StatusOK, demo.Demo(demo.DemoProps{
			BaseURL: base,
			CSSURL:  base + assets.URL("natter.css"),
			Version: b.Version,
		}))
	}
}
