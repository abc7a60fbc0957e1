package comment

import (
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
}

// Visible reports whether Isso lists the comment (published, or deleted
// but kept as a placeholder).
func (v *View) Visible() bool { return visible(v.Mode) }

func visible(mode int) bool { return 5|mode == 5 }

// view derives a View from a row.
func (s *Service) view(c models.Comment) *View {
	html, _ := s.render(c.Text)
	v := &View{Comment: c, HTML: html}
	v.Hash = s.d.Hasher.Identity(deref(c.Email), c.RemoteAddr)
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
