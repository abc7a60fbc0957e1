package embed

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/static"
)

// registerLoaders serves the loader scripts at /embed.js and
// /embed/count.js, and at Isso's client paths: Natter's loaders mount the
// widget on pages written for Isso, or, when the owner prefers Isso's own
// client, the built files from that folder (Natter never ships them).
func registerLoaders(app *fiber.App, assets *static.Assets, issoClient string) error {
	embedJS, err := newLoader(assets, "embed.js")
	if err != nil {
		return err
	}
	countJS, err := newLoader(assets, "count.js")
	if err != nil {
		return err
	}
	app.Get("/embed.js", embedJS)
	app.Get("/embed/count.js", countJS)
	if issoClient == "" {
		app.Get("/js/embed.min.js", embedJS)
		app.Get("/js/embed.dev.js", embedJS)
		app.Get("/js/count.min.js", countJS)
		app.Get("/js/count.dev.js", countJS)
		return nil
	}
	if _, err := os.Stat(filepath.Join(issoClient, "embed.min.js")); err != nil {
		return fmt.Errorf("[natter] isso-client: %w", err)
	}
	// Isso serves its static files for 12 hours, with validators.
	app.Static("/js", issoClient, fiber.Static{MaxAge: 43200, ByteRange: true})
	return nil
}

// newLoader prepares a loader (minified by the front-end build) with the
// hashed asset paths and the header names filled in. Its path is stable
// and its content changes with each release: a short cache and an ETag.
func newLoader(assets *static.Assets, name string) (fiber.Handler, error) {
	f, ok := assets.Named(name)
	if !ok {
		return nil, fmt.Errorf("embed: %s missing from the embedded assets", name)
	}
	body := strings.NewReplacer(
		"__NATTER_HTMX__", assets.URL("htmx.min.js"),
		"__NATTER_CSS__", assets.URL("natter.css"),
		"__NATTER_TOKEN_HEADER__", TokenHeader,
		"__NATTER_TOKEN_DROP__", TokenDropHeader,
		"__NATTER_REFUSAL__", RefusalHeader,
		"__NATTER_TEXTS__", loaderTexts(),
	).Replace(string(f.Body))
	p := render.Prepare([]byte(body))
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
		c.Set(fiber.HeaderCacheControl, "public, max-age=300")
		return render.Send(c, p)
	}, nil
}
