package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// healthz answers while the process is up.
func healthz(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString("ok")
}

// Readier reports whether the site can serve: the database answers and
// takes writes.
type Readier interface {
	Ready(ctx context.Context) error
}

// readyz answers 200 only while the database answers and takes writes;
// while writes fail (full disk, read-only or locked file) it answers 503
// and tries a tiny write itself each time, so it turns 200 again on its
// own once the cause is gone.
func readyz(db Readier) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "no-store")
		ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancel()
		if err := db.Ready(ctx); err != nil {
			return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable")
		}
		return c.SendString("ready")
	}
}
