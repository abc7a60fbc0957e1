// Package card maps a comment as shown to the props of the comment card
// that the widget and the admin panel share, so both draw it alike.
package card

import (
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/views/components"
)

// Props is the shared card for s, with relative times from now; base is
// the site's base URL the page builds its links on, where the identicon
// image is served ("" draws identicons inline).
func Props(s comment.Shown, now time.Time, base string) components.CommentProps {
	avatar := components.AvatarProps{Hash: s.Hash, ImageURL: s.GravatarImage}
	if s.GravatarImage == "" && base != "" {
		avatar.Identicon = components.IdenticonURL(base, s.Hash)
	}
	return components.CommentProps{
		ID:       s.ID,
		Author:   s.Author,
		Website:  components.SafeWebsite(s.Website),
		Avatar:   avatar,
		Created:  s.Created,
		Modified: s.Modified,
		Now:      now,
		HTML:     s.HTML,
		Deleted:  s.State == comment.StatePlaceholder,
		Pending:  s.State == comment.StatePending,
		Likes:    s.Likes,
		Dislikes: s.Dislikes,
		Reply:    s.Root != 0,
	}
}
