// Package card maps a comment as shown to the props of the comment card
// that the widget and the admin panel share, so both draw it alike.
package card

import (
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/views/components"
)

// Props is the shared card for s, with relative times from now.
func Props(s comment.Shown, now time.Time) components.CommentProps {
	return components.CommentProps{
		ID:       s.ID,
		Author:   s.Author,
		Website:  components.SafeWebsite(s.Website),
		Avatar:   components.AvatarProps{Hash: s.Hash, ImageURL: s.GravatarImage},
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
