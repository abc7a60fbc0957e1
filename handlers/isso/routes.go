// Package isso serves Isso's JSON API on top of the comment service, so
// pages that embed Isso's own client keep working unchanged.
package isso

import (
	"log/slog"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/gzjoin"
	"github.com/natter/natter/internal/origin"
)

// Deps are what the Isso presenter needs.
type Deps struct {
	Comments *comment.Service
	Origins  *origin.Matcher
	Logger   *slog.Logger
	// PublicEndpoint is [server] public-endpoint ("" = the request's URL).
	PublicEndpoint string
	SameSite       string // [server] samesite override
	RSSBase        string
	RSSLimit       int
	AdminEnabled   bool
	StyleSheet     []byte // served at /css/isso.css
	// Cache is the site's byte-budgeted cache; thread answers are kept in
	// its "isso-thread" space. Nil means a private one of the default size.
	Cache *cache.Cache
	// IssoClient is [natter] isso-client: when its folder (or its sibling
	// css/) holds isso.css, that file is served at /css/isso.css instead.
	IssoClient string
	// Lang is [natter] lang, the owner's language of the moderation
	// links' confirmation page.
	Lang string
	// StyleURL is the path of Natter's stylesheet below the base URL, for
	// that page.
	StyleURL string
}

type api struct {
	Deps
	threads *cache.Space[answer]
	joiner  *gzjoin.Joiner
	pieces  sync.Pool // *pieces (newPieces)
	// countAnswers keeps POST /count answers by request body.
	countAnswers *cache.Space[countAnswer]
	style        styleSheet
}

// Register mounts Isso's routes. CORS for them is applied by CORS().
func Register(r fiber.Router, d Deps) {
	if d.Cache == nil {
		d.Cache = cache.New(comment.DefaultCacheBudget)
	}
	a := &api{Deps: d, threads: newThreadCache(d.Cache), joiner: gzjoin.New(d.Cache),
		countAnswers: newCountAnswers(d.Cache), style: loadStyleSheet(d, d.Comments.Now())}
	r.Get("/", a.fetchThread)
	r.Post("/new", csrf, a.sameSite, a.createComment)
	r.Get("/id/"+idParam, a.viewComment)
	r.Put("/id/"+idParam, csrf, a.sameSite, a.editComment)
	r.Delete("/id/"+idParam, csrf, a.sameSite, a.deleteComment)
	r.Post("/id/"+idParam+"/like", csrf, a.sameSite, a.vote(true))
	r.Post("/id/"+idParam+"/dislike", csrf, a.sameSite, a.vote(false))
	r.Get("/id/"+idParam+"/unsubscribe/:email/:key", a.unsubscribe)
	r.Post("/id/"+idParam+"/unsubscribe/:email/:key", a.unsubscribe) // RFC 8058 one-click, from reply mails
	r.Get("/id/"+idParam+"/:action/:key", a.moderationPage)
	r.Post("/id/"+idParam+"/:action/:key", a.moderate)
	r.Post("/count", a.counts)
	r.Get("/config", a.config)
	r.Get("/feed", a.feed)
	r.Get("/latest", a.latest)
	r.Post("/preview", a.preview)
	r.All("/info", a.info)
	r.Get("/css/isso.css", a.serveStyleSheet)
	a.registerAdmin(r)
}

// idParam routes only non-negative decimal integers, as Isso does: Fiber's
// <int> would also accept signs ("+1", "-1").
const idParam = `:id<regex(^[0-9]+$)>`
