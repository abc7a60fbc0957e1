package embed

import (
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	ui "github.com/natter/natter/views/embed"
)

// vote is POST /embed/comments/:id/vote?dir=up|down (htmx), or with dir
// in the form body from the plain page's vote form.
func (w *widget) vote(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	id := idParam(c)
	votes, err := w.castVote(c, id, param(c, "dir"))
	if err != nil {
		if !isHTMX(c) {
			return w.nojsRefusal(c, opts, loc, id, err)
		}
		return w.slotError(c, loc, id, err)
	}
	note := w.voteRefusal(c, id, votes.Denied)
	if !isHTMX(c) {
		return w.backToPage(c, opts, id, note, "")
	}
	p := ui.VotesProps{Links: ui.Links{Base: base(c), Opts: opts}, ID: id, Likes: votes.Likes, Dislikes: votes.Dislikes}
	if note != "" {
		p.Message = loc.T(pageNotes[note])
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return w.renderFragment(c, fiber.StatusOK, loc, ui.Votes(p))
}

// voteRefusal names why a vote was not counted (a pageNotes key), "" when
// it was: the reader's own comment (known by its token), the comment's
// cap, else Isso's filter, one vote per anonymised address, which others
// on the reader's network share.
func (w *widget) voteRefusal(c *fiber.Ctx, id int64, d comment.VoteDenial) string {
	switch {
	case d == comment.VoteCounted:
		return ""
	case d == comment.VoteLimit:
		return "vote_limit"
	}
	if _, err := w.ownComment(c, id); err == nil {
		return "vote_own"
	}
	return "vote_denied"
}

func (w *widget) castVote(c *fiber.Ctx, id int64, dir string) (comment.Votes, error) {
	if dir != "up" && dir != "down" {
		return comment.Votes{}, comment.ErrNotFound
	}
	return w.svc.Vote(c.UserContext(), id, dir == "up", w.actor(c, 0))
}
