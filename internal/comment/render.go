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

// derived is what a View computes from a stored row that is worth storing:
// the rendered text and the identity hash.
type derived struct {
	html markup.SafeHTML
	hash string
}

// prime reads what a thread's views derive from stored rows (renderings
// and identity hashes, by comment id) and computes and stores the ones
// that are missing or stale (comments written by Isso or an import, a
// changed renderer or salt), so each is computed once per comment.
func (s *Service) prime(ctx context.Context, tid int64, rows []models.Comment) map[int64]derived {
	out := make(map[int64]derived, len(rows))
	renders := s.renderings(ctx, tid, rows, out)
	identities := s.identities(ctx, tid, rows, out)
	if len(renders) == 0 && len(identities) == 0 {
		return out
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
	return out
}

// renderings fills in the rendered text of rows and returns the renderings
// it had to make.
func (s *Service) renderings(ctx context.Context, tid int64, rows []models.Comment, out map[int64]derived) []Rendered {
	stored, err := s.d.Store.Read().RenderedFor(ctx, tid)
	if err != nil {
		s.d.Logger.Warn("read render cache", "error", err.Error())
	}
	var missing []Rendered
	for _, r := range rows {
		key := s.renderKey(r.Text)
		d := out[r.ID]
		if c, ok := stored[r.ID]; ok && c.Key == key {
			d.html = markup.SafeHTML(c.HTML)
		} else {
			d.html, _ = s.render(r.Text)
			if r.Text != "" { // placeholders render to <p></p>, not worth a row
				missing = append(missing, Rendered{CommentID: r.ID, Key: key, HTML: string(d.html)})
			}
		}
		out[r.ID] = d
	}
	return missing
}

// identities fills in the identity hashes of rows and returns the ones it
// had to compute.
func (s *Service) identities(ctx context.Context, tid int64, rows []models.Comment, out map[int64]derived) []Identity {
	stored, err := s.d.Store.Read().IdentitiesFor(ctx, tid)
	if err != nil {
		s.d.Logger.Warn("read identity cache", "error", err.Error())
	}
	var missing []Identity
	for _, r := range rows {
		key := s.d.Hasher.IdentityKey(deref(r.Email), r.RemoteAddr)
		d := out[r.ID]
		if c, ok := stored[r.ID]; ok && c.Key == key {
			d.hash = c.Hash
		} else {
			d.hash = s.d.Hasher.Identity(deref(r.Email), r.RemoteAddr)
			missing = append(missing, Identity{CommentID: r.ID, Key: key, Hash: d.hash})
		}
		out[r.ID] = d
	}
	return missing
}
