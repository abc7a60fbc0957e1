package embed

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/comment"
)

const (
	// tokenCookiePrefix names the convenience cookie per comment.
	tokenCookiePrefix = "natter-"
	// maxTokens bounds how many tokens one request may present.
	maxTokens = 50
)

// tokens reads the reader's edit tokens: the header the loader sends,
// then the convenience cookies.
func tokens(c *fiber.Ctx) map[int64]string {
	out := map[int64]string{}
	for _, f := range strings.Fields(c.Get(TokenHeader)) {
		id, tok, ok := strings.Cut(f, ":")
		if !ok || len(out) >= maxTokens {
			continue
		}
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > 0 && tok != "" {
			out[n] = tok
		}
	}
	c.Request().Header.VisitAllCookie(func(k, v []byte) {
		name := string(k)
		if !strings.HasPrefix(name, tokenCookiePrefix) || len(out) >= maxTokens {
			return
		}
		if n, err := strconv.ParseInt(strings.TrimPrefix(name, tokenCookiePrefix), 10, 64); err == nil && n > 0 {
			if _, seen := out[n]; !seen && len(v) > 0 {
				out[n] = string(v)
			}
		}
	})
	return out
}

// actor identifies the reader for the service; id selects the token.
func (w *widget) actor(c *fiber.Ctx, id int64) comment.Actor {
	who := comment.Actor{IP: reqctx.Get(c).ClientIP, Origin: w.origins.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer)),
		ByToken: true} // "own comment" is the one whose token the reader holds
	if id > 0 {
		who.Token = tokens(c)[id]
	}
	return who
}

// giveToken hands a comment's token to the loader (header) and, as a
// convenience, to the browser (a partitioned cookie on Natter's origin).
func (w *widget) giveToken(c *fiber.Ctx, id int64, token string) {
	maxAge := int(w.svc.Policy().MaxAge / time.Second)
	c.Set(TokenHeader, strconv.FormatInt(id, 10)+":"+token+"; max-age="+strconv.Itoa(maxAge))
	setTokenCookie(c, id, token, maxAge)
}

func (w *widget) dropToken(c *fiber.Ctx, id int64) {
	c.Set(TokenDropHeader, strconv.FormatInt(id, 10))
	setTokenCookie(c, id, "", 0)
}

func setTokenCookie(c *fiber.Ctx, id int64, token string, maxAge int) {
	attrs := "; Path=/embed; Max-Age=" + strconv.Itoa(maxAge) + "; HttpOnly"
	if reqctx.Get(c).Scheme == "https" {
		attrs += "; Secure; SameSite=None; Partitioned"
	} else {
		attrs += "; SameSite=Lax"
	}
	c.Response().Header.Add(fiber.HeaderSetCookie, tokenCookiePrefix+strconv.FormatInt(id, 10)+"="+token+attrs)
}
