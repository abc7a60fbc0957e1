package isso

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
)

// cookieAttrs decides Secure and SameSite as Isso does: from the public
// endpoint (else the request's own URL), https meaning a cross-site
// deployment that needs SameSite=None; Secure.
func (a *api) cookieAttrs(c *fiber.Ctx) (secure bool, sameSite string) {
	endpoint := a.PublicEndpoint
	if endpoint == "" {
		endpoint = reqctx.Get(c).BaseURL()
	}
	secure = strings.HasPrefix(endpoint, "https://")
	sameSite = "Lax"
	if secure {
		sameSite = "None"
	}
	if a.SameSite != "" {
		sameSite = a.SameSite
	}
	return secure, sameSite
}

// setEditCookies sends Isso's pair: <id> is the authorisation the browser
// returns to Natter; X-Set-Cookie's isso-<id> lets Isso's client, on
// another origin, know it may show Edit and Delete.
func (a *api) setEditCookies(c *fiber.Ctx, id int64, value string, maxAge time.Duration) {
	expires := a.Comments.Now().Add(maxAge).UTC().Format(time.RFC1123)
	expires = strings.Replace(expires, "UTC", "GMT", 1)
	a.setCookiePair(c, id, value, "Expires="+expires+"; Max-Age="+strconv.Itoa(int(maxAge.Seconds())))
}

func (a *api) expireEditCookies(c *fiber.Ctx, id int64) {
	a.setCookiePair(c, id, "", "Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0")
}

func (a *api) setCookiePair(c *fiber.Ctx, id int64, value, lifetime string) {
	secure, sameSite := a.cookieAttrs(c)
	attrs := "; " + lifetime
	if secure {
		attrs += "; Secure"
	}
	attrs += "; Path=/; SameSite=" + sameSite
	name := strconv.FormatInt(id, 10)
	c.Response().Header.Add(fiber.HeaderSetCookie, name+"="+value+attrs)
	c.Set("X-Set-Cookie", "isso-"+name+"="+value+attrs)
}
