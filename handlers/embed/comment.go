package embed

import (
	"html"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/views/components"
	ui "github.com/natter/natter/views/embed"
)

func optional(s string) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return &s
}

func idParam(c *fiber.Ctx) int64 {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	return id
}

// create is POST /embed/comments: a new comment or reply. htmx gets the
// fresh form, the new comment and the count; a plain form post is
// redirected back to the page it came from.
func (e *embedAPI) create(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	vals := ui.FormValues{Text: c.FormValue("text"), Author: c.FormValue("author"),
		Email: c.FormValue("email"), Website: c.FormValue("website"), Notify: c.FormValue("notification") == "1"}
	text := vals.Text
	in := comment.CreateInput{
		Input: comment.Input{Text: &text, Author: optional(vals.Author), Email: optional(vals.Email), Website: optional(vals.Website)},
		URI:   opts.URI, Title: opts.Title,
	}
	notify := 0
	if vals.Notify {
		notify = 1
	}
	in.Notification = &notify
	var parent int64
	if p, err := strconv.ParseInt(c.FormValue("parent"), 10, 64); err == nil && p > 0 {
		parent = p
		in.Parent = &parent
	}
	links := ui.Links{Base: base(c), Opts: opts}
	form := ui.FormProps{Links: links, Policy: e.policy(), Parent: parent}
	if parent != 0 {
		form.ParentName = loc.T("comment.anonymous")
		if pv, err := e.lookup(c, opts.URI, parent); err == nil && deref(pv.Author) != "" && pv.Mode != 4 {
			form.ParentName = unescape(deref(pv.Author))
		}
	}
	if !isHTMX(c) && c.FormValue("preview") != "" {
		// The plain page's Preview: the page again, nothing stored.
		html := e.previewHTML(text)
		form.Values, form.Preview = vals, &html
		return e.nojsFormError(c, loc, opts, form, fiber.StatusOK)
	}
	created, err := e.svc.Create(c.UserContext(), in, e.actor(c, 0))
	if err != nil {
		status, field, msg := e.failure(c, loc, err)
		form.Values, form.Error, form.ErrorField = vals, msg, field
		if !isHTMX(c) {
			return e.nojsFormError(c, loc, opts, form, status)
		}
		return e.renderFragment(c, status, loc, ui.Form(form))
	}
	e.giveToken(c, created.ID, created.Token)
	if !isHTMX(c) {
		return e.nojsRedirect(c, opts, created.ID)
	}
	listing, err := e.svc.List(c.UserContext(), created.URI, comment.ListQuery{Limit: limitPtr(0)})
	if err != nil {
		return e.refuseErr(c, loc, err)
	}
	v := created.View
	if snapV, ok := listing.Snapshot.Comment(v.ID); ok {
		v = snapV // carries Root
	} else if in.Parent != nil && v.Parent != nil {
		v.Root = *v.Parent
	}
	tv := threadView{links: links, loc: loc, now: e.svc.Now(), owned: map[int64]bool{v.ID: true}}
	it := tv.item(v)
	notice := loc.T("notice.posted")
	status := fiber.StatusCreated
	if v.Mode == 2 {
		notice = loc.T("notice.pending")
		status = fiber.StatusAccepted
	}
	fresh := ui.FormProps{Links: links, Policy: e.policy(), Notice: notice,
		Values: ui.FormValues{Notify: opts.NotifyDefault}}
	if parent != 0 {
		fresh.Parent = parent
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return e.renderFragment(c, status, loc, ui.Posted(fresh, ui.IDs{Key: opts.Key()}, it,
		listing.TotalReplies, opts.Sort == "newest", notice))
}

// nojsRedirect sends a plain form post back to its page, at the comment.
func (e *embedAPI) nojsRedirect(c *fiber.Ctx, opts ui.Options, id int64) error {
	target := e.safeReturn(c, c.FormValue("return"))
	if target == "" && opts.Page != "" {
		target = opts.Page
	}
	if target == "" {
		target = e.origins.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer)) + opts.URI
	}
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target = target[:i]
	}
	return c.Redirect(target+"#"+components.CommentDOMID(id), fiber.StatusSeeOther)
}

// nojsFormError shows a refused (or previewed) plain form post as the
// plain page with the form (the post form, or the reply form under its
// comment), its values and the message or preview.
func (e *embedAPI) nojsFormError(c *fiber.Ctx, loc *i18n.Locale, opts ui.Options, form ui.FormProps, status int) error {
	form.Return = c.FormValue("return")
	if form.Parent != 0 {
		return e.renderPage(c, status, opts, loc, pageState{reply: form.Parent, replyForm: &form})
	}
	return e.renderPage(c, status, opts, loc, pageState{form: &form})
}

// lookup finds a comment in its thread's snapshot (for Root).
func (e *embedAPI) lookup(c *fiber.Ctx, uri string, id int64) (*comment.View, error) {
	snap, err := e.svc.Snapshot(c.UserContext(), uri)
	if err != nil {
		return nil, err
	}
	v, ok := snap.Comment(id)
	if !ok || !(v.Visible() || v.Mode == 2) {
		return nil, comment.ErrNotFound
	}
	return v, nil
}

// card is GET /embed/comments/:id: the card again (cancelling an edit).
func (e *embedAPI) card(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	id := idParam(c)
	v, err := e.lookup(c, opts.URI, id)
	if err != nil {
		return e.slotError(c, loc, id, err)
	}
	snap, _ := e.svc.Snapshot(c.UserContext(), opts.URI)
	tv := threadView{links: ui.Links{Base: base(c), Opts: opts}, loc: loc, now: e.svc.Now(), owned: e.svc.Owned(snap, tokens(c))}
	if v.Mode == 2 && !tv.owned[id] {
		return e.slotError(c, loc, id, comment.ErrNotFound)
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return e.renderFragment(c, fiber.StatusOK, loc, ui.Card(tv.links, tv.item(v)))
}

// replyForm is GET /embed/comments/:id/reply.
func (e *embedAPI) replyForm(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	id := idParam(c)
	v, err := e.lookup(c, opts.URI, id)
	if err != nil {
		return e.slotError(c, loc, id, err)
	}
	name := loc.T("comment.anonymous")
	if a := deref(v.Author); a != "" && v.Mode != 4 {
		name = unescape(a)
	}
	f := ui.FormProps{Links: ui.Links{Base: base(c), Opts: opts}, Policy: e.policy(), Parent: id, ParentName: name,
		Values: ui.FormValues{Notify: opts.NotifyDefault}}
	return e.renderFragment(c, fiber.StatusOK, loc, ui.Form(f))
}

// ownComment loads comment id for its author: the reader's token must be
// valid for the comment's current text, within the edit window.
func (e *embedAPI) ownComment(c *fiber.Ctx, id int64) (*comment.View, error) {
	v, err := e.svc.Get(c.UserContext(), id, e.actor(c, id))
	if err != nil {
		return nil, err
	}
	return v, e.svc.CheckOwner(v, tokens(c)[id])
}

// editForm is GET /embed/comments/:id/edit (the author only).
func (e *embedAPI) editForm(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	id := idParam(c)
	v, err := e.ownComment(c, id)
	if err != nil {
		return e.slotError(c, loc, id, err)
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return e.renderFragment(c, fiber.StatusOK, loc, ui.EditForm(ui.EditProps{
		Links: ui.Links{Base: base(c), Opts: opts}, Policy: e.policy(), ID: id, Text: v.Text}))
}

// confirmDelete is GET /embed/comments/:id/delete: the confirmation.
func (e *embedAPI) confirmDelete(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	id := idParam(c)
	_, err := e.ownComment(c, id)
	if err != nil {
		return e.slotError(c, loc, id, err)
	}
	return e.renderFragment(c, fiber.StatusOK, loc, ui.ConfirmDelete(ui.Links{Base: base(c), Opts: opts}, id))
}

// edit is PUT /embed/comments/:id, or POST /embed/comments/:id/edit from
// the plain page's form.
func (e *embedAPI) edit(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	id := idParam(c)
	text := c.FormValue("text")
	links := ui.Links{Base: base(c), Opts: opts}
	edited, err := e.svc.Edit(c.UserContext(), id, comment.Input{Text: &text}, e.actor(c, id))
	if err != nil {
		status, _, msg := e.failure(c, loc, err)
		if !isHTMX(c) {
			return e.renderPage(c, status, opts, loc, pageState{edit: id, editText: &text, editErr: msg})
		}
		return e.renderFragment(c, status, loc, ui.EditForm(ui.EditProps{Links: links, Policy: e.policy(), ID: id, Text: text, Error: msg}))
	}
	e.giveToken(c, id, edited.Token)
	if !isHTMX(c) {
		return e.backToPage(c, opts, id, "edited", "")
	}
	v := edited.View
	if sv, err := e.lookup(c, opts.URI, id); err == nil {
		v = sv
	}
	tv := threadView{links: links, loc: loc, now: e.svc.Now(), owned: map[int64]bool{id: true}}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return e.renderFragment(c, fiber.StatusOK, loc, ui.Edited(links, tv.item(v), loc.T("notice.edited")))
}

// remove is DELETE /embed/comments/:id, or POST
// /embed/comments/:id/delete from the plain page's confirmation form.
func (e *embedAPI) remove(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	id := idParam(c)
	kept, err := e.svc.Delete(c.UserContext(), id, e.actor(c, id))
	if err != nil {
		if !isHTMX(c) {
			return e.nojsRefusal(c, opts, loc, id, err)
		}
		return e.slotError(c, loc, id, err)
	}
	e.dropToken(c, id)
	if !isHTMX(c) {
		anchor := ui.IDs{Key: opts.Key()}.Form()
		if kept != nil {
			anchor = components.CommentDOMID(id)
		}
		return e.backToPage(c, opts, id, "deleted", anchor)
	}
	listing, err := e.svc.List(c.UserContext(), opts.URI, comment.ListQuery{Limit: limitPtr(0)})
	if err != nil {
		return e.refuseErr(c, loc, err)
	}
	links := ui.Links{Base: base(c), Opts: opts}
	var keptItem *ui.Item
	if kept != nil {
		if sv, ok := listing.Snapshot.Comment(id); ok {
			kept = sv
		}
		it := threadView{links: links, loc: loc, now: e.svc.Now()}.item(kept)
		keptItem = &it
	} else {
		c.Set("HX-Retarget", "#"+ui.ItemID(id))
		c.Set("HX-Reswap", "delete")
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return e.renderFragment(c, fiber.StatusOK, loc, ui.Deleted(links, ui.IDs{Key: opts.Key()}, keptItem, listing.TotalReplies, loc.T("notice.deleted")))
}

// vote is POST /embed/comments/:id/vote?dir=up|down (htmx), or with dir
// in the form body from the plain page's vote form.
func (e *embedAPI) vote(c *fiber.Ctx) error {
	opts, loc := e.options(c)
	id := idParam(c)
	dir := param(c, "dir")
	if dir != "up" && dir != "down" {
		err := comment.ErrNotFound
		if !isHTMX(c) {
			return e.nojsRefusal(c, opts, loc, id, err)
		}
		return e.slotError(c, loc, id, err)
	}
	votes, err := e.svc.Vote(c.UserContext(), id, dir == "up", e.actor(c, 0))
	if err != nil {
		if !isHTMX(c) {
			return e.nojsRefusal(c, opts, loc, id, err)
		}
		return e.slotError(c, loc, id, err)
	}
	if !isHTMX(c) {
		note := ""
		if votes.Message != "" {
			note = "vote_denied"
		}
		return e.backToPage(c, opts, id, note, "")
	}
	p := ui.VotesProps{Links: ui.Links{Base: base(c), Opts: opts}, ID: id, Likes: votes.Likes, Dislikes: votes.Dislikes}
	if votes.Message != "" {
		p.Message = loc.T("vote.denied")
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return e.renderFragment(c, fiber.StatusOK, loc, ui.Votes(p))
}

// slotError shows a refusal next to the comment, in its reply slot.
func (e *embedAPI) slotError(c *fiber.Ctx, loc *i18n.Locale, id int64, err error) error {
	status, _, msg := e.failure(c, loc, err)
	if id > 0 {
		c.Set("HX-Retarget", "#"+ui.SlotID(id))
		c.Set("HX-Reswap", "innerHTML")
	}
	return e.renderFragment(c, status, loc, messageFragment(msg))
}

func unescape(s string) string { return html.UnescapeString(s) }
