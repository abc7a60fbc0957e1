package comment

import (
	"sync/atomic"

	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/models"
)

// View is a stored comment with what every presenter derives from it,
// computed once per cache fill rather than per request.
type View struct {
	models.Comment
	HTML          markup.SafeHTML // rendered text
	Hash          string          // Isso identity hash
	GravatarImage string          // only when gravatar is enabled
	// Root is the top-level comment this one belongs under (0 for a
	// top-level comment); dangling or foreign parents make a comment
	// top-level, and deeper chains are flattened as Isso does.
	Root int64
	// memo holds presenters' encodings of this comment (Memo): they live
	// and die with the View, which a change to the comment replaces.
	memo [MemoSlots]atomic.Pointer[[]byte]
}

// MemoSlots is how many encodings a View keeps for its presenters.
const MemoSlots = 4

// Memo returns the encoding in slot (0 ≤ slot < MemoSlots), made by build
// on first use. Concurrent first uses may both build it; they must agree.
func (v *View) Memo(slot int, build func() ([]byte, error)) ([]byte, error) {
	if b := v.memo[slot].Load(); b != nil {
		return *b, nil
	}
	b, err := build()
	if err != nil {
		return nil, err
	}
	v.memo[slot].Store(&b)
	return b, nil
}

// Visible reports whether Isso lists the comment (published, or deleted
// but kept as a placeholder).
func (v *View) Visible() bool { return visible(v.Mode) }

func visible(mode int) bool { return 5|mode == 5 }

// view derives a View from a row.
func (s *Service) view(c models.Comment) *View {
	html, _ := s.render(c.Text)
	return s.viewOf(c, derived{html: html, hash: s.d.Hasher.Identity(deref(c.Email), c.RemoteAddr)})
}

// viewOf derives a View whose rendering and identity hash are known.
func (s *Service) viewOf(c models.Comment, d derived) *View {
	v := &View{Comment: c, HTML: d.html, Hash: d.hash}
	if s.policy.Gravatar {
		v.GravatarImage = gravatar(s.policy.GravatarURL, deref(c.Email), deref(c.Author))
	}
	return v
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
