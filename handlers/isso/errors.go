package isso

import (
	"errors"
	"html"
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
)

// descriptions are werkzeug's default texts, which Isso's error pages
// carry when the error has no message of its own.
var descriptions = map[int]string{
	400: "The browser (or proxy) sent a request that this server could not understand.",
	403: "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
	404: "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
	405: "The method is not allowed for the requested URL.",
	413: "The data value transmitted exceeds the capacity limit.",
	415: "The server does not support the media type transmitted in the request.",
	429: "This user has exceeded an allotted request count. Try again later.",
	500: "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.",
	503: "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.",
}

// Description is werkzeug's default description of an HTTP status, or
// its reason phrase when werkzeug has none we send.
func Description(code int) string {
	if d, ok := descriptions[code]; ok {
		return d
	}
	return reason(code)
}

// reason is the HTTP reason phrase Isso (werkzeug) prints.
func reason(code int) string {
	return fiber.NewError(code).Message
}

// fail answers like Isso's central error handler: JSON when the client
// asks for JSON as its single best type, otherwise a small HTML page.
// htmlOnly reproduces the errors Isso returns rather than raises, which are
// always HTML.
func fail(c *fiber.Ctx, code int, desc string, htmlOnly bool) error {
	return Fail(c, code, desc, htmlOnly)
}

// Fail writes an error the way Isso does (see fail); the central error
// handler uses it for Fiber's own 404, 405 and 413 answers.
func Fail(c *fiber.Ctx, code int, desc string, htmlOnly bool) error {
	c.Status(code)
	if !htmlOnly && wantsJSON(c.Get(fiber.HeaderAccept)) {
		return writeJSON(c, fiber.Map{"message": strings.TrimSpace(itoa(code) + " " + reason(code) + ": " + desc)})
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	r := reason(code)
	return c.SendString("<!doctype html>\n<html lang=en>\n<title>" + itoa(code) + " " + r +
		"</title>\n<h1>" + r + "</h1>\n<p>" + html.EscapeString(desc) + "</p>\n")
}

// wantsJSON reports application/json as the highest-quality Accept entry.
func wantsJSON(accept string) bool {
	best, bestQ := "", -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, q := parseMediaRange(part)
		if q > bestQ {
			best, bestQ = mt, q
		}
	}
	return best == "application/json"
}

// failFor maps service errors to Isso's statuses.
func (a *api) failFor(c *fiber.Ctx, err error) error {
	var inv *comment.InvalidError
	var g *comment.GuardError
	switch {
	case errors.As(err, &inv):
		return fail(c, fiber.StatusBadRequest, inv.Message, true)
	case errors.As(err, &g):
		return fail(c, fiber.StatusForbidden, g.Reason, false)
	case errors.Is(err, comment.ErrNotFound):
		return fail(c, fiber.StatusNotFound, Description(fiber.StatusNotFound), false)
	case errors.Is(err, comment.ErrForbidden), errors.Is(err, comment.ErrEditWindowClosed):
		return fail(c, fiber.StatusForbidden, Description(fiber.StatusForbidden), false)
	case errors.Is(err, comment.ErrUnavailable):
		// The store has logged the fault once; a retry may pass.
		c.Set(fiber.HeaderRetryAfter, itoa(int(comment.RetryAfter.Seconds())))
		return fail(c, fiber.StatusServiceUnavailable, Description(fiber.StatusServiceUnavailable), false)
	}
	a.Logger.Error("isso api", slog.String("route", c.Route().Path), slog.String("error", err.Error()))
	return fail(c, fiber.StatusInternalServerError, Description(fiber.StatusInternalServerError), false)
}

// csrf is Isso's rule for writes: a Content-Type, when present, must be
// JSON, which a plain HTML form cannot send without a CORS preflight.
func csrf(c *fiber.Ctx) error {
	ct := c.Get(fiber.HeaderContentType)
	if ct != "" && !strings.HasPrefix(ct, "application/json") {
		return fail(c, fiber.StatusForbidden, "CSRF", false)
	}
	return c.Next()
}
