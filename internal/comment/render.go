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

// prime derives the rendering and identity hash of each row, from what
// is stored beside it when that is current, and stores the ones that are
// missing or stale (comments written by Isso or an import, a changed
// renderer or salt), so each is computed once per comment.
func (s *Service) prime(ctx context.Context, rows []StoredComment) []derived {
	out := make([]derived, len(rows))
	var renders []Rendered
	var identities []Identity
	for i, r := range rows {
		var fresh bool
		if out[i].html, fresh = s.storedHTML(r); fresh && r.Text != "" { // placeholders are not worth a row
			renders = append(renders, Rendered{CommentID: r.ID, Key: s.renderKey(r.Text), HTML: string(out[i].html)})
		}
		if out[i].hash, fresh = s.storedHash(r); fresh {
			identities = append(identities, Identity{CommentID: r.ID, Key: s.d.Hasher.IdentityKey(deref(r.Email), r.RemoteAddr), Hash: out[i].hash})
		}
	}
	if len(renders) > 0 || len(identities) > 0 {
		s.storeDerived(ctx, renders, identities)
	}
	return out
}

// storedHTML is the row's rendering, and whether it had to be made.
func (s *Service) storedHTML(r StoredComment) (markup.SafeHTML, bool) {
	if r.Rendered.Key != "" && r.Rendered.Key == s.renderKey(r.Text) {
		return markup.SafeHTML(r.Rendered.HTML), false
	}
	h, _ := s.render(r.Text)
	return h, true
}

// storedHash is the row's identity hash, and whether it had to be computed.
func (s *Service) storedHash(r StoredComment) (string, bool) {
	email := deref(r.Email)
	if r.Identity.Key != "" && r.Identity.Key == s.d.Hasher.IdentityKey(email, r.RemoteAddr) {
		return r.Identity.Hash, false
	}
	return s.d.Hasher.Identity(email, r.RemoteAddr), true
}

// storeDerived writes derived values in the background: the reader needs
// them now, not the commit, and must not queue behind writers for a cache.
func (s *Service) storeDerived(ctx context.Context, renders []Rendered, identities []Identity) {
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
}
