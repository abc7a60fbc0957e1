package isso

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"
)

// styleSheet is what /css/isso.css serves: Natter's stylesheet for Isso's
// markup, or Isso's own when the owner keeps Isso's client.
type styleSheet struct {
	body  []byte
	etag  string
	since time.Time // Last-Modified
}

// issoClientCSS finds isso.css for the [natter] isso-client folder: in
// the folder itself, or beside it as in Isso's source tree (isso/js next
// to isso/css).
func issoClientCSS(folder string) (string, bool) {
	for _, p := range []string{filepath.Join(folder, "isso.css"), filepath.Join(folder, "..", "css", "isso.css")} {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

// loadStyleSheet picks the stylesheet once, at start: Isso's from the
// isso-client folder when it has one (validated by its mtime, as Isso's
// static files are), else Natter's built-in one (which changes only with
// a new binary, so the start time serves as its date).
func loadStyleSheet(d Deps, started time.Time) styleSheet {
	if d.IssoClient != "" {
		if p, ok := issoClientCSS(d.IssoClient); ok {
			body, err := os.ReadFile(p)
			st, statErr := os.Stat(p)
			if err == nil && statErr == nil {
				return newStyleSheet(body, st.ModTime())
			}
			d.Logger.Warn("isso-client: cannot read isso.css; serving Natter's", slog.String("path", p),
				slog.Any("error", err))
		}
	}
	return newStyleSheet(d.StyleSheet, started)
}

func newStyleSheet(body []byte, since time.Time) styleSheet {
	sum := sha256.Sum256(body)
	return styleSheet{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, since: since.UTC().Truncate(time.Second)}
}

// serveStyleSheet is GET /css/isso.css, with the headers werkzeug gives a
// static file: 12 hours of caching and an ETag; a 304 carries no Expires
// or Last-Modified.
func (a *api) serveStyleSheet(c *fiber.Ctx) error {
	s := a.style
	c.Set(fiber.HeaderCacheControl, "max-age=43200, public")
	c.Set(fiber.HeaderETag, s.etag)
	if notModified(c, s.etag, s.since) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, "text/css; charset=utf-8")
	c.Set(fiber.HeaderExpires, a.Comments.Now().Add(12*time.Hour).UTC().Format(http1123))
	c.Set(fiber.HeaderLastModified, s.since.Format(http1123))
	return c.Send(s.body)
}
