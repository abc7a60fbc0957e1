package admin

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/auth"
	view "github.com/natter/natter/views/admin"
)

// showLogin is GET /login/ (Isso has only POST; the form lives here).
func (h *panel) showLogin(c *fiber.Ctx) error {
	if _, ok, _ := h.sessionFrom(c); ok {
		return c.Redirect(env(c).U("/admin/"), fiber.StatusSeeOther)
	}
	msg := ""
	if c.Query("expired") != "" {
		msg = env(c).M.T("login.expired")
	}
	return h.renderLogin(c, fiber.StatusOK, msg, c.Query("next"))
}

func (h *panel) renderLogin(c *fiber.Ctx, status int, msg, next string) error {
	p, err := h.page(c, env(c).M.T("login.title"), "")
	if err != nil {
		return err
	}
	p.Here = "/login/"
	p.Error = msg
	return render.HTML(c, status, view.LoginPage(view.Login{Page: p, Next: safeBack(next)}))
}

// login is POST /login/: Isso's form field and redirect, plus a limit on
// failures per client address and a signed, expiring session cookie.
func (h *panel) login(c *fiber.Ctx) error {
	e := env(c)
	r := reqctx.Get(c)
	// A cross-site form must not log a browser in (login CSRF).
	if o := c.Get(fiber.HeaderOrigin); o != "" && o != r.Scheme+"://"+r.Host {
		return fiber.ErrForbidden
	}
	pw := c.FormValue("password")
	if pw == "" && !c.Request().PostArgs().Has("password") {
		return fiber.NewError(fiber.StatusBadRequest, "password missing")
	}
	now := h.admin.Now()
	if blocked, wait := h.limiter.Blocked(r.ClientIP, now); blocked {
		mins := int(wait.Minutes()) + 1
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(wait.Seconds())+1))
		return h.renderLogin(c, fiber.StatusTooManyRequests, e.M.T("login.limited", "minutes", strconv.Itoa(mins)), c.FormValue("next"))
	}
	if !h.password.Check(pw) {
		h.limiter.Fail(r.ClientIP, now)
		h.log.Warn("admin: failed login", "client", auth.Key(r.ClientIP))
		return h.renderLogin(c, fiber.StatusUnauthorized, e.M.T("login.wrong"), c.FormValue("next"))
	}
	h.limiter.Reset(r.ClientIP)
	tok, sess, err := h.sessions.Issue(c.UserContext(), now)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: cookieName(r), Value: tok, Path: r.ScriptName + "/", Expires: sess.Expires,
		MaxAge: int(h.sessions.TTL().Seconds()), HTTPOnly: true, Secure: r.Scheme == "https",
		SameSite: fiber.CookieSameSiteStrictMode,
	})
	return c.Redirect(e.U(safeBack(c.FormValue("next"))), fiber.StatusFound)
}

// logout is POST /admin/logout: the session's record is deleted, so the
// cookie stays refused after a restart too.
func (h *panel) logout(c *fiber.Ctx) error {
	if s, ok := c.Locals(localSession).(auth.Session); ok {
		if err := h.sessions.Revoke(c.UserContext(), s); err != nil {
			return err
		}
	}
	h.clearCookies(c)
	return c.Redirect(env(c).U("/login/"), fiber.StatusSeeOther)
}

// logoutAll is POST /admin/logout-all: every session ends, in every
// browser (a lost laptop, a shared machine).
func (h *panel) logoutAll(c *fiber.Ctx) error {
	if err := h.sessions.RevokeAll(c.UserContext()); err != nil {
		return err
	}
	h.log.Info("admin: every session logged out", "client", auth.Key(reqctx.Get(c).ClientIP))
	h.clearCookies(c)
	return c.Redirect(env(c).U("/login/"), fiber.StatusSeeOther)
}

// clearCookies expires the session cookies the browser sent.
func (h *panel) clearCookies(c *fiber.Ctx) {
	r := reqctx.Get(c)
	for _, name := range []string{cookieSecure, cookiePlain} {
		if c.Cookies(name) != "" {
			c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: r.ScriptName + "/", MaxAge: -1, HTTPOnly: true,
				Secure: r.Scheme == "https" || name == cookieSecure, SameSite: fiber.CookieSameSiteStrictMode})
		}
	}
}

// cookieName: "__Host-" binds the cookie to this exact origin (no Domain,
// Path=/, Secure), so a sibling subdomain cannot plant or overwrite it.
// Browsers only accept it over https and with Path=/; under a sub-path
// the cookie is scoped to that path instead, which __Host- forbids.
func cookieName(r reqctx.Request) string {
	if r.Scheme == "https" && r.ScriptName == "" {
		return cookieSecure
	}
	return cookiePlain
}

func (h *panel) sessionFrom(c *fiber.Ctx) (auth.Session, bool, bool) {
	present := false
	for _, name := range []string{cookieSecure, cookiePlain} {
		tok := c.Cookies(name)
		if tok == "" {
			continue
		}
		present = true
		if s, err := h.sessions.Verify(c.UserContext(), tok, h.admin.Now()); err == nil {
			return s, true, true
		}
	}
	return auth.Session{}, false, present
}

// auth requires a session, and a CSRF token on every change. The token
// comes from the X-CSRF-Token header (htmx, set on <body>) or the _csrf
// form field (plain forms). SameSite=Strict on the cookie already stops
// cross-site requests from carrying it; the token is the second lock, and
// Sec-Fetch-Site the third where browsers send it.
func (h *panel) auth(c *fiber.Ctx) error {
	sess, ok, present := h.sessionFrom(c)
	if !ok {
		target := env(c).U("/login/")
		if present {
			target += "?expired=1"
		}
		if c.Method() == fiber.MethodGet && !isHTMX(c) {
			sep := "?"
			if present {
				sep = "&"
			}
			target += sep + "next=" + url.QueryEscape(relative(c))
		}
		if isHTMX(c) {
			c.Set("HX-Redirect", target)
			return c.SendStatus(fiber.StatusUnauthorized)
		}
		return c.Redirect(target, fiber.StatusSeeOther)
	}
	e := env(c)
	e.CSRF = h.sessions.CSRFToken(sess)
	c.Locals(localEnv, e)
	c.Locals(localSession, sess)
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
		site := c.Get("Sec-Fetch-Site")
		token := c.Get("X-CSRF-Token")
		if token == "" {
			token = c.FormValue("_csrf")
		}
		if (site != "" && site != "same-origin") || !h.sessions.CheckCSRF(sess, token) {
			if isHTMX(c) {
				c.Set("HX-Refresh", "true")
			}
			c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
			return c.Status(fiber.StatusForbidden).SendString(e.M.T("error.csrf"))
		}
	}
	return c.Next()
}
