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
	return s.renderKeyed(text, key), key
}

// renderKeyed is render for a text whose key is known.
func (s *Service) renderKeyed(text, key string) markup.SafeHTML {
	if h, ok := s.renders.Get(key); ok {
		return h
	}
	h := s.d.Renderer.Render(text)
	s.renders.Set(key, h)
	return h
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
		var made *Rendered
		if out[i].html, made = s.storedHTML(r); made != nil {
			renders = append(renders, *made)
		}
		var computed *Identity
		if out[i].hash, computed = s.storedHash(r); computed != nil {
			identities = append(identities, *computed)
		}
	}
	if len(renders) > 0 || len(identities) > 0 {
		s.storeDerived(ctx, renders, identities)
	}
	return out
}

// storedHTML is the row's rendering and, when it had to be made, the row
// to store (none for a placeholder's empty text).
func (s *Service) storedHTML(r StoredComment) (markup.SafeHTML, *Rendered) {
	key := s.renderKey(r.Text)
	if r.Rendered.Key == key {
		return markup.SafeHTML(r.Rendered.HTML), nil
	}
	h := s.renderKeyed(r.Text, key)
	if r.Text == "" {
		return h, nil
	}
	return h, &Rendered{CommentID: r.ID, Key: key, HTML: string(h)}
}

// storedHash is the row's identity hash and, when it had to be computed,
// the row to store.
func (s *Service) storedHash(r StoredComment) (string, *Identity) {
	email := deref(r.Email)
	key := s.d.Hasher.IdentityKey(email, r.RemoteAddr)
	if r.Identity.Key == key {
		return r.Identity.Hash, nil
	}
	h := s.d.Hasher.Identity(email, r.RemoteAddr)
	return h, &Identity{CommentID: r.ID, Key: key, Hash: h}
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
