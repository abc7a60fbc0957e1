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

// saveRendering stores a comment's rendering and identity hash in the
// write transaction that stores its text.
func (s *Service) saveRendering(ctx context.Context, q Queries, c models.Comment) error {
	h, key := s.render(c.Text)
	if err := q.SaveRendered(ctx, []Rendered{{CommentID: c.ID, Key: key, HTML: string(h)}}); err != nil {
		return err
	}
	email := deref(c.Email)
	return q.SaveIdentities(ctx, []Identity{{CommentID: c.ID, Key: s.d.Hasher.IdentityKey(email, c.RemoteAddr),
		Hash: s.d.Hasher.Identity(email, c.RemoteAddr)}})
}

// Identity is a stored identity hash of a comment; Key is the hasher's
// IdentityKey for the comment's e-mail or address, so a stale row (another
// salt, an edited e-mail) is never served.
type Identity struct {
	CommentID int64
	Key       string
	Hash      string
}

// prime loads what a thread's views derive from stored rows (renderings
// into memory, identity hashes returned by comment id) and stores the
// ones that are missing or stale (comments written by Isso or an import,
// a changed renderer or salt), so each is computed once per comment.
func (s *Service) prime(ctx context.Context, tid int64, rows []models.Comment) map[int64]string {
	renders, identities := s.missingRenderings(ctx, tid, rows), []Identity(nil)
	hashes, stored := make(map[int64]string, len(rows)), s.storedIdentities(ctx, tid)
	for _, r := range rows {
		key := s.d.Hasher.IdentityKey(deref(r.Email), r.RemoteAddr)
		if c, ok := stored[r.ID]; ok && c.Key == key {
			hashes[r.ID] = c.Hash
			continue
		}
		hashes[r.ID] = s.d.Hasher.Identity(deref(r.Email), r.RemoteAddr)
		identities = append(identities, Identity{CommentID: r.ID, Key: key, Hash: hashes[r.ID]})
	}
	if len(renders) == 0 && len(identities) == 0 {
		return hashes
	}
	// Stored in the background: the reader needs the values now, not the
	// commit, and must not queue behind writers for a cache.
	ctx = context.WithoutCancel(ctx)
	s.bg.Go(func() {
		err := s.d.Store.Write(ctx, func(q Queries) error {
			if err := q.SaveRendered(ctx, renders); err != nil {
				return err
			}
			return q.SaveIdentities(ctx, identities)
		})
		if err != nil {
			s.d.Logger.Warn("write render and identity cache", "error", err.Error())
		}
	})
	return hashes
}

func (s *Service) storedIdentities(ctx context.Context, tid int64) map[int64]Identity {
	stored, err := s.d.Store.Read().IdentitiesFor(ctx, tid)
	if err != nil {
		s.d.Logger.Warn("read identity cache", "error", err.Error())
	}
	return stored
}

// missingRenderings loads a thread's stored renderings into memory and
// returns, rendered, the ones that are missing or stale.
func (s *Service) missingRenderings(ctx context.Context, tid int64, rows []models.Comment) []Rendered {
	stored, err := s.d.Store.Read().RenderedFor(ctx, tid)
	if err != nil {
		s.d.Logger.Warn("read render cache", "error", err.Error())
		return nil
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
	return missing
}
