// Package embed serves the htmx widget: the thread fragment and its plain
// page for readers without JavaScript, the forms and their answers, the
// counts, and the loader scripts. Rules stay in internal/comment; this
// package reads requests, calls the service and renders views/embed.
package embed

import (
	"fmt"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/internal/origin"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/static"
)

// The widget's HTTP contract (docs/widget.md). Header and path names live
// here, in one place, so the loader (static/src/js/embed.js) and the
// handlers agree.
const (
	// TokenHeader carries the reader's edit tokens ("<id>:<token> …"); a
	// response carries the token of the comment it created or edited.
	TokenHeader = "X-Natter-Token"
	// TokenDropHeader names a comment whose token the loader can forget.
	TokenDropHeader = "X-Natter-Token-Drop"
	// RefusalHeader marks an error answer that is a widget fragment meant
	// to be swapped in; the loader swaps no other error (a proxy's 502, a
	// 413 from the body limit), so the reader's text is never replaced.
	RefusalHeader = "X-Natter-Refusal"
)

// Deps is what the widget needs from the site and the process.
type Deps struct {
	Site    *site.Site
	Assets  *static.Assets
	Logger  *slog.Logger
	Version string
}

// widget serves the widget's routes.
type widget struct {
	svc     *comment.Service
	origins *origin.Matcher
	assets  *static.Assets
	log     *slog.Logger
	feed    bool
	version string
	// fragments are anonymous thread renders in the site's cache.
	fragments *cache.Space[fragment]
	// identicons are the served identicon images, in the same cache.
	identicons *cache.Space[render.Prepared]
	lang       string // the site's default language ([natter] lang)
	unlisted   *origin.Unlisted
}

// Register mounts the widget's routes and loaders.
func Register(app *fiber.App, d Deps) error {
	w := &widget{
		svc: d.Site.Comments, origins: d.Site.Origins, assets: d.Assets, log: d.Logger,
		feed: d.Site.Config.RSS.Base != "", version: d.Version, fragments: newFragments(d.Site.Cache),
		identicons: newIdenticons(d.Site.Cache),
		lang:       d.Site.Config.Natter.Lang, unlisted: d.Site.Unlisted,
	}
	if _, ok := i18n.Lookup(w.lang); !ok {
		return fmt.Errorf("[natter] lang: %q is not a language Natter has", w.lang)
	}
	if err := registerLoaders(app, d.Assets, d.Site.Config.Natter.IssoClient); err != nil {
		return err
	}
	g := app.Group("/embed", w.cors, w.writeGuard)
	g.Get("/thread", w.thread)
	g.Get("/more", w.more)
	g.Get("/nothing", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusOK) })
	g.Get("/counts", w.counts)
	g.Get("/identicons/:file", w.identicon)
	g.Post("/comments", w.create)
	g.Post("/preview", w.preview)
	g.Get("/comments/:id<int>", w.card)
	g.Get("/comments/:id<int>/reply", w.replyForm)
	g.Get("/comments/:id<int>/edit", w.editForm)
	g.Get("/comments/:id<int>/delete", w.confirmDelete)
	g.Put("/comments/:id<int>", w.edit)
	g.Delete("/comments/:id<int>", w.remove)
	g.Post("/comments/:id<int>/vote", w.vote)
	// Without JavaScript (the plain thread page): form POSTs for edit and
	// delete; create and vote take form POSTs on their own routes.
	g.Post("/comments/:id<int>/edit", w.edit)
	g.Post("/comments/:id<int>/delete", w.remove)
	return nil
}
