package handlers

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
)

// accessLog writes one structured line per request. It logs the route
// pattern, not the raw path, so signed keys and e-mail addresses in
// moderation and unsubscribe links never reach the logs.
func accessLog(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
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
		log.LogAttrs(c.UserContext(), level, "request",
			slog.String("method", c.Method()),
			slog.String("route", c.Route().Path),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
		)
		return err
	}
}

func logPanic(log *slog.Logger) func(*fiber.Ctx, any) {
	return func(c *fiber.Ctx, v any) {
		log.Error("panic in handler", slog.String("route", c.Route().Path), slog.String("panic", fmt.Sprint(v)))
	}
}

// errorHandler turns returned errors into responses; details of unexpected
// errors are logged, never sent.
func errorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		code := fiber.StatusInternalServerError
		msg := "Internal Server Error"
		if fe, ok := err.(*fiber.Error); ok {
			code, msg = fe.Code, fe.Message
		} else {
			log.Error("request failed", slog.String("route", c.Route().Path), slog.String("error", err.Error()))
		}
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.Status(code).SendString(msg)
	}
}
