package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/static"
	"github.com/natter/natter/views/demo"
)

// showDemo renders the page that explains how to embed Natter.
func showDemo(assets *static.Assets, b Build, lang string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		base := reqctx.Get(c).BaseURL()
		loc := i18n.Negotiate(c.Query("lang"), c.Get(fiber.HeaderAcceptLanguage), lang)
		c.SetUserContext(i18n.With(c.UserContext(), loc))
		c.Vary(fiber.HeaderAcceptLanguage)
		return render.HTML(c, fiber.StatusOK, demo.Demo(demo.DemoProps{
			BaseURL: base,
			CSSURL:  base + assets.URL("natter.css"),
			Version: b.Version,
		}))
	}
}
