package comment

import (
	"time"

	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/internal/store/issoenc"
	"github.com/natter/natter/models"
)

// StatePlaceholder is a deleted comment kept because it has replies; the
// admin lists it in the deleted queue.
const StatePlaceholder State = "placeholder"

// stateOf maps Isso's stored mode.
func stateOf(mode int) State {
	switch mode {
	case models.ModePending:
		return StatePending
	case models.ModeDeleted:
		return StatePlaceholder
	}
	return StateApproved
}

// Shown is a comment as readers and moderators see it: author, e-mail
// and website as typed, times as times, a typed state, and the rendered
// body kept as SafeHTML.
type Shown struct {
	ID, Root        int64
	Parent          int64 // 0 for none
	Author, Email   string
	Website         string
	Created         time.Time
	Modified        time.Time // zero when never edited
	State           State
	HTML            markup.SafeHTML
	Hash            string
	GravatarImage   string
	Likes, Dislikes int
	RemoteAddr      string
}

// Shown derives the display values of v.
func (v *View) Shown() Shown {
	s := Shown{
		ID: v.ID, Root: v.Root, Author: issoenc.Text(v.Author), Email: issoenc.Text(v.Email),
		Website: issoenc.Text(v.Website), Created: issoenc.Time(v.Created), Modified: issoenc.OptTime(v.Modified),
		State: stateOf(v.Mode), HTML: v.HTML, Hash: v.Hash, GravatarImage: v.GravatarImage,
		Likes: v.Likes, Dislikes: v.Dislikes, RemoteAddr: v.RemoteAddr,
	}
	if v.Parent != nil {
		s.Parent = *v.Parent
	}
	return s
}

// Pending reports whether v awaits moderation.
func (v *View) Pending() bool { return v.Mode == models.ModePending }

// Placeholder reports whether v is a deleted comment kept for its replies.
func (v *View) Placeholder() bool { return v.Mode == models.ModeDeleted }

// DisplayName is the author's name as typed, or "" when v has none to
// show (anonymous, or a placeholder whose author is gone).
func (v *View) DisplayName() string {
	if v.Placeholder() {
		return ""
	}
	return issoenc.Text(v.Author)
}
