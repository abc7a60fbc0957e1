package admin

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
	view "github.com/natter/natter/views/admin"
)

func adminTheme(c *fiber.Ctx) string {
	switch t := c.Cookies(adminCookieTheme); t {
	case "light", "dark":
		return t
	}
	return ""
}

// prefs sets the language or theme cookie and returns to the page.
func (h *adminHandlers) prefs(c *fiber.Ctx) error {
	base := reqctx.Get(c).ScriptName + "/"
	year := h.admin.Now().Add(365 * 24 * time.Hour)
	set := func(name, value string) {
		c.Cookie(&fiber.Cookie{Name: name, Value: value, Path: base, Expires: year, HTTPOnly: true,
			SameSite: fiber.CookieSameSiteLaxMode, Secure: reqctx.Get(c).Scheme == "https"})
	}
	if l := c.Query("lang"); l != "" {
		set(adminCookieLang, view.Language(l).Tag)
	}
	switch t := c.Query("theme"); t {
	case "light", "dark":
		set(adminCookieTheme, t)
	case "auto":
		set(adminCookieTheme, "auto")
	}
	back := c.Query("back")
	if back == "/login/" || strings.HasPrefix(back, "/login/?") {
		return c.Redirect(adminEnv(c).U(back), fiber.StatusSeeOther)
	}
	return c.Redirect(adminEnv(c).U(adminBack(back)), fiber.StatusSeeOther)
}
