package embed

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/views/components"
	ui "github.com/natter/natter/views/embed"
)

// The plain thread page (GET /embed/thread without HX-Request) is the
// widget for readers without JavaScript (docs/widget.md). Its controls are
// links to the page in a state (?reply=, ?edit=, ?delete=) and small forms
// that post to the widget's routes; every such write answers with a 303
// back to the page, at the comment, and a refusal re-renders the page with
// the message inline. The rules stay in internal/comment.

// pageState is what the plain page shows besides the thread.
type pageState struct {
	// reply, edit and del open a reply form, the edit form or the delete
	// confirmation under that comment.
	reply, edit, del int64
	// replyForm re-shows a refused reply with its values and message.
	replyForm *ui.FormProps
	// editText and editErr re-show a refused edit.
	editText *string
	editErr  string
	// form replaces the post form (a refused post).
	form *ui.FormProps
	// msg is shown next to comment at (in its reply slot, or as its vote
	// message when vote is set); msgErr marks a refusal.
	at     int64
	msg    string
	msgErr bool
	vote   bool
}

// active reports whether the page shows more than the thread.
func (st pageState) active() bool {
	return st.reply > 0 || st.edit > 0 || st.del > 0 || st.msg != "" || st.form != nil || st.replyForm != nil
}

// pageNotes are the notices a no-JS write's redirect may ask the page for:
// a closed set of keys, so a URL cannot put text on the page.
var pageNotes = map[string]string{
	"vote_denied": "vote.denied",
	"edited":      "notice.edited",
	"deleted":     "notice.deleted",
}

func queryID(c *fiber.Ctx, key string) int64 {
	n, err := strconv.ParseInt(c.Query(key), 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// pageStateFrom reads the page state from the query of GET /embed/thread.
func pageStateFrom(c *fiber.Ctx, loc *i18n.Locale) pageState {
	st := pageState{reply: queryID(c, "reply"), edit: queryID(c, "edit"), del: queryID(c, "delete"), at: queryID(c, "at")}
	note := c.Query("note")
	if key, ok := pageNotes[note]; ok && st.at > 0 {
		st.msg, st.msgErr, st.vote = loc.T(key), note == "vote_denied", note == "vote_denied"
	}
	return st
}

// renderPage answers with the plain thread page in state st. It is never
// cached: it carries the reader's forms or messages.
func (e *embedAPI) renderPage(c *fiber.Ctx, status int, opts ui.Options, loc *i18n.Locale, st pageState) error {
	listing, err := e.svc.List(c.UserContext(), opts.URI, comment.ListQuery{
		Sort: comment.Sort(opts.Sort), Limit: limitPtr(opts.Limit), NestedLimit: nestedPtr(opts.Nested)})
	if err != nil {
		return e.refuseErr(c, loc, err)
	}
	toks := tokens(c)
	tv := threadView{links: ui.Links{Base: base(c), Opts: opts}, loc: loc, now: e.svc.Now(),
		owned: e.svc.Owned(listing.Snapshot, toks)}
	props := e.threadProps(c, tv, listing)
	props.Page = true
	if st.form != nil {
		props.Form = *st.form
	}
	if props.Form.Return == "" {
		props.Form.Return = tv.links.Page()
	}
	e.applyState(c, tv, &props, listing.Snapshot, toks, st)
	c.Vary(fiber.HeaderAcceptLanguage, "HX-Request", TokenHeader)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return e.renderFragment(c, status, loc, ui.Page(ui.PageProps{Thread: props,
		CSSURL: tv.links.Base + e.assets.URL("natter.css"), Back: opts.Page}))
}

// applyState puts the state's forms and messages under their comments.
// The service decides who may edit or delete (CheckOwner).
func (e *embedAPI) applyState(c *fiber.Ctx, tv threadView, p *ui.ThreadProps, snap *comment.Snapshot, toks map[int64]string, st pageState) {
	at := func(id int64, f func(it *ui.Item)) bool {
		for i := range p.Items {
			if p.Items[i].Card.ID == id {
				f(&p.Items[i])
				return true
			}
			for j := range p.Items[i].Replies {
				if p.Items[i].Replies[j].Card.ID == id {
					f(&p.Items[i].Replies[j])
					return true
				}
			}
		}
		return false
	}
	// message shows msg under comment id, or above the post form when the
	// comment is not on this page.
	message := func(id int64, msg string, isErr bool) {
		if at(id, func(it *ui.Item) { it.Slot = ui.SlotMessage(msg, isErr) }) {
			return
		}
		if isErr {
			p.Form.Error = msg
		} else {
			p.Form.Notice = msg
		}
	}
	refuse := func(id int64, err error) {
		_, _, msg := e.failure(c, tv.loc, err)
		message(id, msg, true)
	}
	owner := func(id int64) (*comment.View, error) {
		v, ok := snap.Comment(id)
		if !ok {
			return nil, comment.ErrNotFound
		}
		return v, e.svc.CheckOwner(v, toks[id])
	}
	if st.reply > 0 {
		f := st.replyForm
		if f == nil {
			v, err := e.lookup(c, tv.links.Opts.URI, st.reply)
			if err != nil {
				refuse(st.reply, err)
			} else {
				name := tv.loc.T("comment.anonymous")
				if a := deref(v.Author); a != "" && v.Mode != 4 {
					name = unescape(a)
				}
				f = &ui.FormProps{Links: tv.links, Policy: e.policy(), Parent: st.reply, ParentName: name,
					Values: ui.FormValues{Notify: tv.links.Opts.NotifyDefault}}
			}
		}
		if f != nil {
			f.Links = tv.links
			if f.Return == "" {
				f.Return = tv.links.Page()
			}
			form := *f
			if !at(st.reply, func(it *ui.Item) { it.Slot = ui.Form(form) }) {
				refuse(st.reply, comment.ErrNotFound)
			}
		}
	}
	if st.edit > 0 {
		if v, err := owner(st.edit); err != nil {
			refuse(st.edit, err)
		} else {
			ep := &ui.EditProps{Links: tv.links, Policy: e.policy(), ID: st.edit, Text: v.Text, Error: st.editErr}
			if st.editText != nil {
				ep.Text = *st.editText
			}
			if !at(st.edit, func(it *ui.Item) { it.Edit = ep }) {
				refuse(st.edit, comment.ErrNotFound)
			}
		}
	}
	if st.del > 0 {
		if _, err := owner(st.del); err != nil {
			refuse(st.del, err)
		} else if !at(st.del, func(it *ui.Item) { it.Slot = ui.ConfirmDelete(tv.links, st.del) }) {
			refuse(st.del, comment.ErrNotFound)
		}
	}
	if st.msg != "" {
		if !st.vote || !at(st.at, func(it *ui.Item) { it.VoteMessage = st.msg }) {
			message(st.at, st.msg, st.msgErr)
		}
	}
}

// backToPage answers a successful no-JS write: 303 to the plain page at
// the comment (or at the post form when it is gone), with a notice.
func (e *embedAPI) backToPage(c *fiber.Ctx, opts ui.Options, id int64, note string, anchor string) error {
	if anchor == "" {
		anchor = components.CommentDOMID(id)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	// A form of the thread inlined on the host page returns there.
	if ret := e.safeReturn(c, c.FormValue("return")); ret != "" {
		ret, _, _ = strings.Cut(ret, "#")
		return c.Redirect(ret+"#"+anchor, fiber.StatusSeeOther)
	}
	l := ui.Links{Base: base(c), Opts: opts}
	var extra []string
	if note != "" {
		extra = []string{"note", note, "at", strconv.FormatInt(id, 10)}
	}
	return c.Redirect(l.Page(extra...)+"#"+anchor, fiber.StatusSeeOther)
}

// nojsRefusal re-renders the plain page with a refusal under comment id.
func (e *embedAPI) nojsRefusal(c *fiber.Ctx, opts ui.Options, loc *i18n.Locale, id int64, err error) error {
	status, _, msg := e.failure(c, loc, err)
	return e.renderPage(c, status, opts, loc, pageState{at: id, msg: msg, msgErr: true})
}

// nojsWrite recognises the form POSTs the plain page sends: "create"
// (POST /embed/comments), "vote", "edit" and "delete"
// (POST /embed/comments/:id/<kind>), with the comment id.
func nojsWrite(path string) (kind string, id int64) {
	rest, ok := strings.CutPrefix(path, "/embed/comments")
	if !ok {
		return "", 0
	}
	if rest == "" {
		return "create", 0
	}
	parts := strings.Split(strings.TrimPrefix(rest, "/"), "/")
	if len(parts) != 2 {
		return "", 0
	}
	n, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || n <= 0 {
		return "", 0
	}
	switch parts[1] {
	case "vote", "edit", "delete":
		return parts[1], n
	}
	return "", 0
}
