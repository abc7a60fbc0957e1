package isso

import (
	"html"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/models"
	view "github.com/natter/natter/views/admin"
)

// confirmCSP: the confirmation page runs no script and loads only Natter's
// stylesheet; its one form posts back to the same URL.
const confirmCSP = "default-src 'none'; style-src 'self'; img-src https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// wantsConfirmPage: browsers opening an approve or delete link get
// Natter's confirmation page, in the owner's language and with the
// comment; other clients (Isso's recorded answers) keep Isso's page.
// Either way only the POST acts. Edit links keep Isso's page: its POST
// takes JSON, which a plain form cannot send.
func wantsConfirmPage(c *fiber.Ctx, action string) bool {
	return (action == "activate" || action == "delete") && strings.Contains(c.Get(fiber.HeaderAccept), "text/html")
}

// confirmPage is GET /id/<id>/activate|delete/<key> for browsers.
func (a *api) confirmPage(c *fiber.Ctx, action string, id int64, target string) error {
	// The key in the URL authorises its holder for this comment only.
	v, err := a.Comments.Get(c.UserContext(), id, comment.Actor{Admin: true})
	if err != nil {
		return a.failFor(c, err)
	}
	// The URL carries the key: never leak it through a Referer, a cache
	// or a search engine.
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentSecurityPolicy, confirmCSP)
	c.Set("X-Robots-Tag", "noindex")
	author := ""
	if v.Author != nil {
		author = html.UnescapeString(*v.Author) // stored HTML-escaped, as Isso stores it
	}
	m := view.Language(a.Lang)
	if author == "" {
		author = m.T("anonymous")
	}
	p := view.LinkConfirm{M: m, CSSURL: reqctx.Get(c).ScriptName + a.StyleURL, Action: action, ID: id, Author: author, Pending: v.Mode == models.ModePending, HTML: v.HTML,
		Created: time.Unix(int64(v.Created), 0).UTC().Format("2006-01-02 15:04")}
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		p.Target = target
	}
	return render.HTML(c, fiber.StatusOK, view.LinkConfirmPage(p))
}
