package comment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/models"
)

// Rendered is a cached rendering of a comment's text. Key names the
// renderer configuration and the text, so a stale row (an edit made by
// Isso, a reused id, a new renderer) is never served.
type Rendered struct {
	CommentID int64
	Key       string
	HTML      string
}

// newRenderCache keeps rendered HTML by key in the site's cache; the
// database keeps it across restarts (natter_rendered), so reads never
// re-render a comment, and an evicted rendering is cheap to reload.
func newRenderCache(c *cache.Cache) *cache.Space[markup.SafeHTML] {
	return cache.NewSpace(c, "markdown", cache.String[markup.SafeHTML])
}

// renderKey identifies text rendered by the current configuration.
func (s *Service) renderKey(text string) string {
	sum := sha256.Sum256([]byte(text))
	return s.d.Renderer.Version() + ":" + hex.EncodeToString(sum[:16])
}

// render returns the HTML for text, rendering only on a cache miss.
func (s *Service) render(text string) (markup.SafeHTML, string) {
	key := s.renderKey(text)
	if h, ok := s.renders.Get(key); ok {
		return h, key
	}
	h := s.d.Renderer.Render(text)
	s.renders.Set(key, h)
	return h, key
}

// saveRendering stores a comment's rendering in the write transaction
// that stores its text.
func (s *Service) saveRendering(ctx context.Context, q Queries, c models.Comment) error {
	h, key := s.render(c.Text)
	return q.SaveRendered(ctx, []Rendered{{CommentID: c.ID, Key: key, HTML: string(h)}})
}

// primeRenderings loads a thread's stored renderings into memory and
// stores the ones that are missing or stale (comments written by Isso or
// an import, or a changed renderer), so this happens once per comment.
func (s *Service) primeRenderings(ctx context.Context, tid int64, rows []models.Comment) {
	stored, err := s.d.Store.Read().RenderedFor(ctx, tid)
	if err != nil {
		s.d.Logger.Warn("read render cache", "error", err.Error())
		return
	}
	var missing []Rendered
	for _, r := range rows {
		key := s.renderKey(r.Text)
		if c, ok := stored[r.ID]; ok && c.Key == key {
			s.renders.Set(key, markup.SafeHTML(c.HTML))
			continue
		}
		if r.Text == "" {
			continue // placeholders render to <p></p>, not worth a row
		}
		h, _ := s.render(r.Text)
		missing = append(missing, Rendered{CommentID: r.ID, Key: key, HTML: string(h)})
	}
	if len(missing) == 0 {
		return
	}
	err = s.d.Store.Write(ctx, func(q Queries) error { return q.SaveRendered(ctx, missing) })
	if err != nil {
		s.d.Logger.Warn("write render cache", "error", err.Error())
	}
}
