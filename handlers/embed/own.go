package embed

import (
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	ui "github.com/natter/natter/views/embed"
)

// seen is the comment in the path as this reader may see it.
type seen struct {
	opts  ui.Options
	loc   *i18n.Locale
	v     *comment.View
	owned map[int64]bool
}

// find reads the comment in the path for this reader; a refusal is
// answered in the comment's slot (answered is then true).
func (w *widget) find(c *fiber.Ctx) (s seen, answered bool, err error) {
	s.opts, s.loc = w.options(c)
	id := idParam(c)
	if s.v, s.owned, err = w.svc.Find(c.UserContext(), s.opts.URI, id, tokens(c)); err != nil {
		return s, true, w.slotError(c, s.loc, id, err)
	}
	return s, false, nil
}

// card is GET /embed/comments/:id: the card again (cancelling an edit).
func (w *widget) card(c *fiber.Ctx) error {
	s, answered, err := w.find(c)
	if answered {
		return err
	}
	opts, loc, v := s.opts, s.loc, s.v
	r := w.reader(ui.Links{Base: base(c), Opts: opts}, loc, s.owned)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.renderFragment(c, fiber.StatusOK, loc, ui.Card(r.links, r.item(v)))
}

// replyForm is GET /embed/comments/:id/reply.
func (w *widget) replyForm(c *fiber.Ctx) error {
	s, answered, err := w.find(c)
	if answered {
		return err
	}
	opts, loc := s.opts, s.loc
	f := ui.FormProps{Links: ui.Links{Base: base(c), Opts: opts}, Policy: w.policy(), Parent: s.v.ID,
		ParentName: parentName(loc, s.v), Values: ui.FormValues{Notify: opts.NotifyDefault}}
	return w.renderFragment(c, fiber.StatusOK, loc, ui.Form(f))
}

// ownComment loads comment id for its author: the reader's token must be
// valid for the comment's current text, within the edit window.
func (w *widget) ownComment(c *fiber.Ctx, id int64) (*comment.View, error) {
	v, err := w.svc.Get(c.UserContext(), id, w.actor(c, id))
	if err != nil {
		return nil, err
	}
	return v, w.svc.CheckOwner(v, tokens(c)[id])
}

// editForm is GET /embed/comments/:id/edit (the author only).
func (w *widget) editForm(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	id := idParam(c)
	v, err := w.ownComment(c, id)
	if err != nil {
		return w.slotError(c, loc, id, err)
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	links := ui.Links{Base: base(c), Opts: opts}
	return w.renderFragment(c, fiber.StatusOK, loc, ui.EditForm(ui.EditProps{
		Links: links, Policy: w.policy(), ID: id, Text: v.Text, Card: w.reader(links, loc, nil).item(v).Card}))
}

// confirmDelete is GET /embed/comments/:id/delete: the confirmation.
func (w *widget) confirmDelete(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	id := idParam(c)
	if _, err := w.ownComment(c, id); err != nil {
		return w.slotError(c, loc, id, err)
	}
	return w.renderFragment(c, fiber.StatusOK, loc, ui.ConfirmDelete(ui.Links{Base: base(c), Opts: opts}, id))
}
