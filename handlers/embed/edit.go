package embed

import (
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/views/components"
	ui "github.com/natter/natter/views/embed"
)

// edit is PUT /embed/comments/:id, or POST /embed/comments/:id/edit from
// the plain page's form.
func (w *widget) edit(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	id := idParam(c)
	text := c.FormValue("text")
	links := ui.Links{Base: base(c), Opts: opts}
	if !isHTMX(c) && c.FormValue("preview") != "" {
		// The plain page's Preview: the page again, nothing saved.
		html := w.previewHTML(text)
		return w.renderPage(c, fiber.StatusOK, opts, loc, pageState{edit: id, editText: &text, editPreview: &html})
	}
	edited, err := w.svc.Edit(c.UserContext(), id, comment.Input{Text: &text}, w.actor(c, id))
	if err != nil {
		r := w.failure(c, loc, err)
		if !isHTMX(c) {
			return w.renderPage(c, r.status, opts, loc, pageState{edit: id, editText: &text, editErr: r.msg})
		}
		ep := ui.EditProps{Links: links, Policy: w.policy(), ID: id, Text: text, Error: r.msg}
		if v, _, ferr := w.svc.Find(c.UserContext(), opts.URI, id, nil); ferr == nil {
			ep.Card = w.reader(links, loc, nil).item(v).Card
		}
		return w.renderFragment(c, r.status, loc, ui.EditForm(ep))
	}
	w.giveToken(c, id, edited.Token)
	if !isHTMX(c) {
		return w.backToPage(c, opts, id, "edited", "")
	}
	v := edited.View
	// The author's own, just written: the snapshot's copy carries Root.
	if snap, err := w.svc.Snapshot(c.UserContext(), opts.URI); err == nil {
		if sv, ok := snap.Comment(id); ok {
			v = sv
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	item := w.reader(links, loc, map[int64]bool{id: true}).item(v)
	return w.renderFragment(c, fiber.StatusOK, loc, ui.Edited(links, item, loc.T("notice.edited")))
}

// remove is DELETE /embed/comments/:id, or POST
// /embed/comments/:id/delete from the plain page's confirmation form.
func (w *widget) remove(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	id := idParam(c)
	kept, err := w.svc.Delete(c.UserContext(), id, w.actor(c, id))
	if err != nil {
		if !isHTMX(c) {
			return w.nojsRefusal(c, opts, loc, id, err)
		}
		return w.slotError(c, loc, id, err)
	}
	w.dropToken(c, id)
	if !isHTMX(c) {
		anchor := ui.IDs{Key: opts.Key()}.Form()
		if kept != nil {
			anchor = components.CommentDOMID(id)
		}
		return w.backToPage(c, opts, id, "deleted", anchor)
	}
	listing, err := w.svc.List(c.UserContext(), opts.URI, comment.ListQuery{Limit: limitPtr(0)})
	if err != nil {
		return w.refuseErr(c, loc, err)
	}
	links := ui.Links{Base: base(c), Opts: opts}
	var keptItem *ui.Item
	if kept != nil {
		if sv, ok := listing.Snapshot.Comment(id); ok {
			kept = sv
		}
		it := w.reader(links, loc, nil).item(kept)
		keptItem = &it
	} else {
		c.Set("HX-Retarget", "#"+ui.ItemID(id))
		c.Set("HX-Reswap", "delete")
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return w.renderFragment(c, fiber.StatusOK, loc, ui.Deleted(links, ui.IDs{Key: opts.Key()}, keptItem, listing.TotalReplies, loc.T("notice.deleted")))
}
