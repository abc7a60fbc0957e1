package isso

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
)

// foreignRefusal is the description of a write refused by sameSite.
const foreignRefusal = "CSRF: the request comes from a site that is not in [general] host"

// sameSite refuses a state-changing request that a browser sent on behalf
// of a page elsewhere: its Origin (or, without one, its Referer) must name
// a configured site or Natter itself. Isso accepts any origin when the
// Content-Type is absent, which a page anywhere can send
// (fetch(url, {mode: "no-cors", body: blob})). Requests with neither
// header (Isso's client through some proxies, curl, scripts) pass, as
// browsers always send Origin with a cross-site POST, PUT or DELETE.
// /preview and /count change nothing and stay open, as in Isso.
func (a *api) sameSite(c *fiber.Ctx) error {
	v := c.Get(fiber.HeaderOrigin)
	if v == "" {
		v = c.Get(fiber.HeaderReferer)
	}
	if v == "" || a.trustedOrigin(c, v) {
		return c.Next()
	}
	return fail(c, fiber.StatusForbidden, foreignRefusal, false)
}

// trustedOrigin reports whether v (an Origin or Referer value) names a
// configured site, or Natter's own origin (its admin and demo pages).
func (a *api) trustedOrigin(c *fiber.Ctx, v string) bool {
	if _, ok := a.Origins.Allowed(v); ok {
		return true
	}
	o := originOf(v)
	if o == "" {
		return false // "null" (sandboxed frames, file://) and garbage
	}
	for _, self := range []string{reqctx.Get(c).BaseURL(), a.PublicEndpoint} {
		if self != "" && originOf(self) == o {
			return true
		}
	}
	return false
}

// originOf reduces a URL to scheme://host[:port], lower-cased, default
// ports dropped; "" when it is not an http(s) URL.
func originOf(v string) string {
	u, err := url.Parse(strings.TrimSpace(v))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	return strings.ToLower(u.Scheme) + "://" + host
}
