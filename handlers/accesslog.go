package handlers

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"

	"github.com/natter/natter/handlers/embed"
	"github.com/natter/natter/handlers/isso"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/metrics"
	"github.com/natter/natter/internal/origin"
)

// accessLog writes one structured line per request and counts it in the
// site's metrics. It logs the route pattern, not the raw path, so signed
// keys and e-mail addresses in moderation and unsubscribe links never
// reach the logs.
func accessLog(log *slog.Logger, m *metrics.Metrics) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		// The id ties the access line to other lines about this request
		// and to what the client saw (the X-Request-Id answer header).
		var buf [32]byte
		id := strconv.AppendUint(buf[:0], c.Context().ConnID(), 36)
		id = strconv.AppendUint(append(id, '-'), c.Context().ConnRequestNum(), 36)
		c.Response().Header.SetBytesV("X-Request-Id", id)
		err := c.Next()
		status := c.Response().StatusCode()
		if err != nil {
			if fe, ok := err.(*fiber.Error); ok {
				status = fe.Code
			} else {
				status = fiber.StatusInternalServerError
			}
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		route, took := c.Route().Path, time.Since(start)
		m.Request(route, c.Method(), status, took)
		if !log.Enabled(c.UserContext(), level) {
			return err // below the log level: no line to build
		}
		log.LogAttrs(c.UserContext(), level, "request",
			slog.String("request_id", string(id)),
			slog.String("method", c.Method()),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Duration("duration", took),
		)
		return err
	}
}

func logPanic(log *slog.Logger) func(*fiber.Ctx, any) {
	return func(c *fiber.Ctx, v any) {
		log.Error("panic in handler", slog.String("route", c.Route().Path), slog.String("panic", fmt.Sprint(v)))
	}
}

// errorHandler turns returned errors into responses in Isso's format (an
// HTML page, or JSON when asked for); details of unexpected errors are
// logged, never sent.
// Paths under corsSkip get no Isso CORS headers, refusals included.
func errorHandler(log *slog.Logger, origins *origin.Matcher, corsSkip []string) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		code, msg := fiber.StatusInternalServerError, ""
		var fe *fiber.Error
		if errors.Is(err, comment.ErrUnavailable) {
			// The store logged the fault when it began; a retry may pass.
			code = fiber.StatusServiceUnavailable
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(comment.RetryAfter.Seconds())))
		} else if errors.As(err, &fe) {
			code = fe.Code
			// Fiber's own texts ("Not Found", "Cannot GET /x") become the
			// descriptions Isso's pages carry; our own messages stay.
			if fe.Message != utils.StatusMessage(code) && !strings.HasPrefix(fe.Message, "Cannot ") {
				msg = fe.Message
			}
		} else {
			log.Error("request failed", slog.String("route", c.Route().Path), slog.String("error", err.Error()))
		}
		if len(c.Response().Header.Peek(fiber.HeaderAccessControlAllowOrigin)) == 0 {
			switch {
			case strings.HasPrefix(c.Path(), "/embed/"):
				embed.SetCORS(c, origins)
			case !skipsIssoCORS(c.Path(), corsSkip):
				isso.SetCORS(c, origins)
			}
		}
		if msg == "" {
			msg = isso.Description(code)
		}
		return isso.Fail(c, code, msg, false)
	}
}
