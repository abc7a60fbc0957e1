package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// Dispatch serves several sites from one listener, as Isso's dispatcher
// does: site <name> answers under /<name>, with the prefix moved into its
// script root; X-Script-Name applies once, before dispatch; any other
// path is a 404 listing the mount points. Each site keeps its own app,
// so its routes, limits, CORS and error pages stay its own. /healthz and
// /readyz at the root answer for the process: ready while every site's
// database answers (each site has its own /<name>/readyz too).
func Dispatch(sites map[string]*fiber.App, dbs map[string]Readier, bodyLimit int) *fiber.App {
	handlers := make(map[string]fasthttp.RequestHandler, len(sites))
	mounts := make([]string, 0, len(sites))
	for name, app := range sites {
		handlers[name] = app.Handler()
		mounts = append(mounts, "/"+name)
	}
	sort.Strings(mounts)
	notFound := strings.Join(mounts, "\n")
	app := fiber.New(fiber.Config{BodyLimit: bodyLimit, DisableStartupMessage: true, ReadBufferSize: 16 << 10})
	app.Get("/healthz", healthz)
	app.Get("/readyz", readyz(allOf(dbs)))
	app.Use(func(c *fiber.Ctx) error {
		script := cleanPrefix(c.Get("X-Script-Name"))
		path := string(c.Request().URI().Path())
		if script != "" && (path == script || strings.HasPrefix(path, script+"/")) {
			path = strings.TrimPrefix(path, script)
		}
		name, rest, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
		h, ok := handlers[name]
		if !ok {
			c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
			return c.Status(fiber.StatusNotFound).SendString(notFound)
		}
		c.Request().Header.Set("X-Script-Name", script+"/"+name)
		c.Request().URI().SetPath("/" + rest)
		h(c.Context())
		return nil
	})
	return app
}

func cleanPrefix(p string) string {
	p = strings.TrimRight(strings.TrimSpace(p), "/")
	if p != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// pingers reports the first site that is not ready.
type pingers map[string]Readier

func allOf(dbs map[string]Readier) Readier { return pingers(dbs) }

func (p pingers) Ready(ctx context.Context) error {
	for name, db := range p {
		if err := db.Ready(ctx); err != nil {
			return fmt.Errorf("site %s: %w", name, err)
		}
	}
	return nil
}
