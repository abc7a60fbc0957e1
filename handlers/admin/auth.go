package admin

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/auth"
	view "github.com/natter/natter/views/admin"
)

// showLogin is GET /login/ (Isso has only POST; the form lives here).
func (h *adminHandlers) showLogin(c *fiber.Ctx) error {
	if _, ok, _ := h.sessionFrom(c); ok {
		return c.Redirect(adminEnv(c).U("/admin/"), fiber.StatusSeeOther)
	}
	msg := ""
	if c.Query("expired") != "" {
		msg = adminEnv(c).M.T("login.expired")
	}
	return h.renderLogin(c, fiber.StatusOK, msg, c.Query("next"))
}

func (h *adminHandlers) renderLogin(c *fiber.Ctx, status int, msg, next string) error {
	p, err := h.page(c, adminEnv(c).M.T("login.title"), "")
	if err != nil {
		return err
	}
	p.Here = "/login/"
	p.Error = msg
	return render.HTML(c, status, view.LoginPage(view.Login{Page: p, Next: adminBack(next)}))
}

// login is POST /login/: Isso's form field and redirect, plus a limit on
// failures per client address and a signed, expiring session cookie.
func (h *adminHandlers) login(c *fiber.Ctx) error {
	e := adminEnv(c)
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
	tok, sess, err := h.sessions.Issue(now)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: adminCookieName(r), Value: tok, Path: r.ScriptName + "/", Expires: sess.Expires,
		MaxAge: int(h.sessions.TTL().Seconds()), HTTPOnly: true, Secure: r.Scheme == "https",
		SameSite: fiber.CookieSameSiteStrictMode,
	})
	return c.Redirect(e.U(adminBack(c.FormValue("next"))), fiber.StatusFound)
}

// logout is POST /admin/logout: the token is revoked, not only forgotten.
func (h *adminHandlers) logout(c *fiber.Ctx) error {
	if s, ok := c.Locals(localSession).(auth.Session); ok {
		h.sessions.Revoke(s, h.admin.Now())
	}
	r := reqctx.Get(c)
	for _, name := range []string{adminCookieSecure, adminCookiePlain} {
		if c.Cookies(name) != "" {
			c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: r.ScriptName + "/", MaxAge: -1, HTTPOnly: true,
				Secure: r.Scheme == "https" || name == adminCookieSecure, SameSite: fiber.CookieSameSiteStrictMode})
		}
	}
	return c.Redirect(adminEnv(c).U("/login/"), fiber.StatusSeeOther)
}
