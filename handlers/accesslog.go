package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
	"github.com/valyala/fasthttp"

	"github.com/natter/natter/handlers/embed"
	"github.com/natter/natter/handlers/isso"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/metrics"
	"github.com/natter/natter/internal/origin"
)

// requestLog writes one structured line per request and counts it in the
// site's metrics, for answers from the handlers (middleware) and replayed
// ones (replay.Recorder) alike. It logs the route pattern, not the raw
// path, so signed keys and e-mail addresses in moderation and unsubscribe
// links never reach the logs.
type requestLog struct {
	log *slog.Logger
	m   *metrics.Metrics
}

func (l requestLog) middleware() fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		l.Begin(c.Context())
		err := c.Next()
		status := c.Response().StatusCode()
		if err != nil {
			if fe, ok := err.(*fiber.Error); ok {
				status = fe.Code
			} else {
				status = fiber.StatusInternalServerError
			}
		}
		l.end(c.UserContext(), c.Context(), c.Method(), c.Route().Path, status, time.Since(start))
		return err
	}
}

// Begin sets the request id: it ties the access line to other lines
// about this request and to what the client saw.
func (requestLog) Begin(ctx *fasthttp.RequestCtx) {
	var buf [32]byte
	ctx.Response.Header.SetCanonical(headerRequestID, requestID(buf[:0], ctx))
}

// End records a replayed answer.
func (l requestLog) End(ctx *fasthttp.RequestCtx, method, route string, status int, took time.Duration) {
	l.m.Replayed(route)
	l.end(context.Background(), ctx, method, route, status, took)
}

func (l requestLog) end(uctx context.Context, ctx *fasthttp.RequestCtx, method, route string, status int, took time.Duration) {
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	l.m.Request(route, method, status, took)
	if !l.log.Enabled(uctx, level) {
		return // below the log level: no line to build
	}
	var buf [32]byte
	l.log.LogAttrs(uctx, level, "request",
		slog.String("request_id", string(requestID(buf[:0], ctx))),
		slog.String("method", method),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Duration("duration", took),
	)
}

var headerRequestID = []byte("X-Request-Id")

// requestID names a request by its connection and its number on it.
func requestID(dst []byte, ctx *fasthttp.RequestCtx) []byte {
	dst = strconv.AppendUint(dst, ctx.ConnID(), 36)
	return strconv.AppendUint(append(dst, '-'), ctx.ConnRequestNum(), 36)
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
