package embed

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	ui "github.com/natter/natter/views/embed"
)

// refusal is a service error as the widget shows it.
type refusal struct {
	status int
	field  string // the form field to mark, if any
	msg    string
}

// guardFields are the form fields a guard refusal points at.
var guardFields = map[comment.GuardKind]string{
	comment.GuardEmailRequired:  "email",
	comment.GuardAuthorRequired: "author",
}

// failure maps a service error to a status and a translated message: the
// one place the widget interprets the domain's errors.
func (w *widget) failure(c *fiber.Ctx, loc *i18n.Locale, err error) refusal {
	var inv *comment.InvalidError
	var g *comment.GuardError
	switch {
	case errors.As(err, &inv):
		return refusal{fiber.StatusUnprocessableEntity, inv.Field, loc.T("err." + inv.Code)}
	case errors.As(err, &g):
		status := fiber.StatusUnprocessableEntity
		if g.Code == comment.GuardRateLimit {
			status = fiber.StatusTooManyRequests
		}
		return refusal{status, guardFields[g.Code], loc.T("err." + string(g.Code))}
	case errors.Is(err, comment.ErrNotFound):
		return refusal{fiber.StatusNotFound, "", loc.T("err.not_found")}
	case errors.Is(err, comment.ErrEditWindowClosed):
		return refusal{fiber.StatusForbidden, "", loc.T("err.window_closed")}
	case errors.Is(err, comment.ErrForbidden):
		return refusal{fiber.StatusForbidden, "", loc.T("err.forbidden")}
	case errors.Is(err, comment.ErrUnavailable):
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(comment.RetryAfter.Seconds())))
		return refusal{fiber.StatusServiceUnavailable, "", loc.T("err.unavailable")}
	}
	w.log.Error("embed", slog.String("route", c.Route().Path), slog.String("error", err.Error()))
	return refusal{fiber.StatusInternalServerError, "", loc.T("err.server")}
}

// refuse answers with a translated message fragment.
func (w *widget) refuse(c *fiber.Ctx, status int, key string) error {
	loc := w.locale(c, c.Query("lang"))
	return w.renderFragment(c, status, loc, ui.Message(loc.T(key)))
}

// refuseErr answers a service error outside a form.
func (w *widget) refuseErr(c *fiber.Ctx, loc *i18n.Locale, err error) error {
	r := w.failure(c, loc, err)
	return w.renderFragment(c, r.status, loc, ui.Message(r.msg))
}

// slotError shows a refusal next to the comment, in its reply slot.
func (w *widget) slotError(c *fiber.Ctx, loc *i18n.Locale, id int64, err error) error {
	r := w.failure(c, loc, err)
	if id > 0 {
		c.Set("HX-Retarget", "#"+ui.SlotID(id))
		c.Set("HX-Reswap", "innerHTML")
	}
	return w.renderFragment(c, r.status, loc, ui.Message(r.msg))
}

// renderFragment writes comp in the reader's language; error statuses are
// marked as refusals the loader swaps in.
func (w *widget) renderFragment(c *fiber.Ctx, status int, loc *i18n.Locale, comp templ.Component) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	if status >= fiber.StatusBadRequest {
		c.Set(RefusalHeader, "1")
	}
	return comp.Render(i18n.With(c.UserContext(), loc), c.Response().BodyWriter())
}
