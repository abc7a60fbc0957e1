package isso

import (
	"html"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/notify"
)

var moderationActions = map[string]string{"activate": "Activate", "edit": "Edit", "delete": "Delete"}

// moderationPage is GET /id/<id>/<action>/<key>: a confirmation page that
// re-sends the same URL as POST. The id inside the key is what counts.
func (a *api) moderationPage(c *fiber.Ctx) error {
	label, ok := moderationActions[c.Params("action")]
	if !ok {
		return fail(c, fiber.StatusNotFound, Description(fiber.StatusNotFound), false)
	}
	id, err := a.Comments.CheckModerationKey(c.Params("key"))
	if err != nil {
		return a.failFor(c, err)
	}
	snapURI, err := a.threadURIOf(c, id)
	if err != nil {
		return a.failFor(c, err)
	}
	target := a.Origins.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer)) + snapURI + "#isso-" + strconv.FormatInt(id, 10)
	c.Set(fiber.HeaderContentType, "text/html")
	return c.SendString(moderationHTML(label, target))
}

func moderationHTML(label, target string) string {
	q := strconv.Quote
	return "<!doctype html>\n<html><head><meta charset=utf-8><title>" + label + "</title></head><body>\n" +
		"<script>\nif (confirm(" + q(label+": Are you sure?") + ")) {\n" +
		"  var xhr = new XMLHttpRequest();\n  xhr.open('POST', window.location.href);\n" +
		"  xhr.onload = function () { window.location.href = " + q(target) + "; };\n  xhr.send(null);\n}\n</script>\n" +
		"<noscript><form method=post><button>" + html.EscapeString(label) + "</button></form></noscript>\n</body></html>\n"
}

func (a *api) threadURIOf(c *fiber.Ctx, id int64) (string, error) {
	return a.Comments.ThreadURI(c.UserContext(), id)
}

// moderate is POST /id/<id>/<action>/<key>.
func (a *api) moderate(c *fiber.Ctx) error {
	action := c.Params("action")
	if _, ok := moderationActions[action]; !ok {
		return fail(c, fiber.StatusNotFound, Description(fiber.StatusNotFound), false)
	}
	id, err := a.Comments.CheckModerationKey(c.Params("key"))
	if err != nil {
		return a.failFor(c, err)
	}
	ctx := notify.WithLinkActor(c.UserContext(), reqctx.Get(c).ClientIP) // audited
	switch action {
	case "activate":
		changed, err := a.Comments.Activate(ctx, id)
		if err != nil {
			return a.failFor(c, err)
		}
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		if !changed {
			return c.SendString("Already activated")
		}
		return c.SendString("Comment has been activated")
	case "delete":
		if _, err := a.Comments.ModeratorDelete(ctx, id); err != nil {
			return a.failFor(c, err)
		}
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.SendString("Comment has been deleted")
	}
	in, ok, err := readJSON(c, editInput)
	if !ok {
		return err
	}
	v, err := a.Comments.ModeratorEdit(ctx, id, in)
	if err != nil {
		return a.failFor(c, err)
	}
	return writeJSON(c, toJSON(v, shape{plain: true}))
}

// unsubscribe is GET /id/<id>/unsubscribe/<email>/<key>, and POST for
// RFC 8058 one-click unsubscribe (List-Unsubscribe-Post in reply mails).
func (a *api) unsubscribe(c *fiber.Ctx) error {
	email, err := url.PathUnescape(c.Params("email"))
	if err != nil {
		return fail(c, fiber.StatusForbidden, "You don't have the permission to access the requested resource.", false)
	}
	if err := a.Comments.Unsubscribe(c.UserContext(), commentID(c), email, c.Params("key")); err != nil {
		return a.failFor(c, err)
	}
	c.Set(fiber.HeaderContentType, "text/html")
	e := html.EscapeString(email)
	return c.SendString("<!doctype html>\n<html><head><meta charset=utf-8><title>Successfully unsubscribed</title></head>" +
		"<body><h1>Successfully unsubscribed</h1><p>The e-mail address " + e +
		" will not receive notifications of replies in this conversation anymore.</p></body></html>\n")
}

// registerAdmin answers /admin/ and /login/ as Isso does while its admin is
// disabled; Natter's admin panel replaces them when it exists.
func (a *api) registerAdmin(r fiber.Router) {
	disabled := func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		return c.SendString("<!doctype html>\n<html><head><meta charset=utf-8><title>Isso admin</title></head>" +
			"<body><p>Administration is disabled on this instance of Natter.</p></body></html>\n")
	}
	// Natter's admin panel (handlers/admin*.go) owns /admin/ and /login/
	// when it is enabled; Isso's redirects for the no-slash forms stay.
	if !a.AdminEnabled {
		r.Get("/admin/", disabled)
		r.Post("/login/", disabled)
	}
	for _, p := range []string{"/admin", "/login"} {
		r.All(p, func(c *fiber.Ctx) error {
			// Like werkzeug: the script root, the path with its slash, and
			// the query string kept.
			target := reqctx.Get(c).BaseURL() + c.Path() + "/"
			if q := c.Request().URI().QueryString(); len(q) > 0 {
				target += "?" + string(q)
			}
			return c.Redirect(target, fiber.StatusPermanentRedirect)
		})
	}
}
