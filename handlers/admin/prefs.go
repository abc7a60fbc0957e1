package admin

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
	view "github.com/natter/natter/views/admin"
)

func theme(c *fiber.Ctx) string {
	switch t := c.Cookies(cookieTheme); t {
	case "light", "dark":
		return t
	}
	return ""
}

// prefs sets the language or theme cookie and returns to the page.
func (h *panel) prefs(c *fiber.Ctx) error {
	base := reqctx.Get(c).ScriptName + "/"
	year := h.admin.Now().Add(365 * 24 * time.Hour)
	set := func(name, value string) {
		c.Cookie(&fiber.Cookie{Name: name, Value: value, Path: base, Expires: year, HTTPOnly: true,
			SameSite: fiber.CookieSameSiteLaxMode, Secure: reqctx.Get(c).Scheme == "https"})
	}
	if l := c.Query("lang"); l != "" {
		set(cookieLang, view.Language(l).Tag)
	}
	switch t := c.Query("theme"); t {
	case "light", "dark":
		set(cookieTheme, t)
	case "auto":
		set(cookieTheme, "auto")
	}
	back := c.Query("back")
	if back == "/login/" || strings.HasPrefix(back, "/login/?") {
		return c.Redirect(env(c).U(back), fiber.StatusSeeOther)
	}
	return c.Redirect(env(c).U(safeBack(back)), fiber.StatusSeeOther)
}
