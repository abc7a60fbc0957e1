package embed

import (
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	ui "github.com/natter/natter/views/embed"
)

// pageSlots puts a page state's forms and messages under their comments.
// The service decides who may edit or delete (CheckOwner).
type pageSlots struct {
	w    *widget
	c    *fiber.Ctx
	r    reader
	p    *ui.ThreadProps
	snap *comment.Snapshot
	toks map[int64]string
}

func (ps pageSlots) apply(st pageState) {
	if st.reply > 0 {
		ps.replyForm(st)
	}
	if st.edit > 0 {
		ps.editForm(st)
	}
	if st.del > 0 {
		ps.confirmDelete(st.del)
	}
	if st.msg != "" && (!st.vote || !ps.at(st.at, func(it *ui.Item) { it.VoteMessage = st.msg })) {
		ps.message(st.at, st.msg, st.msgErr)
	}
}

// at calls f on the item of comment id, reporting whether it is shown.
func (ps pageSlots) at(id int64, f func(it *ui.Item)) bool {
	for i := range ps.p.Items {
		if ps.p.Items[i].Card.ID == id {
			f(&ps.p.Items[i])
			return true
		}
		for j := range ps.p.Items[i].Replies {
			if ps.p.Items[i].Replies[j].Card.ID == id {
				f(&ps.p.Items[i].Replies[j])
				return true
			}
		}
	}
	return false
}

// message shows msg under comment id, or above the post form when the
// comment is not on this page.
func (ps pageSlots) message(id int64, msg string, isErr bool) {
	if ps.at(id, func(it *ui.Item) { it.Slot = ui.SlotMessage(msg, isErr) }) {
		return
	}
	if isErr {
		ps.p.Form.Error = msg
	} else {
		ps.p.Form.Notice = msg
	}
}

func (ps pageSlots) refuse(id int64, err error) {
	ps.message(id, ps.w.failure(ps.c, ps.r.loc, err).msg, true)
}

func (ps pageSlots) owner(id int64) (*comment.View, error) {
	v, ok := ps.snap.Comment(id)
	if !ok {
		return nil, comment.ErrNotFound
	}
	return v, ps.w.svc.CheckOwner(v, ps.toks[id])
}

func (ps pageSlots) replyForm(st pageState) {
	f := st.replyForm
	if f == nil {
		v, _, err := ps.w.svc.Find(ps.c.UserContext(), ps.r.links.Opts.URI, st.reply, ps.toks)
		if err != nil {
			ps.refuse(st.reply, err)
			return
		}
		f = &ui.FormProps{Policy: ps.w.policy(), Parent: st.reply, ParentName: parentName(ps.r.loc, v),
			Values: ui.FormValues{Notify: ps.r.links.Opts.NotifyDefault}}
	}
	form := *f
	form.Links = ps.r.links
	if form.Return == "" {
		form.Return = ps.r.links.Page()
	}
	if !ps.at(st.reply, func(it *ui.Item) { it.Slot = ui.Form(form) }) {
		ps.refuse(st.reply, comment.ErrNotFound)
	}
}

func (ps pageSlots) editForm(st pageState) {
	v, err := ps.owner(st.edit)
	if err != nil {
		ps.refuse(st.edit, err)
		return
	}
	ep := &ui.EditProps{Links: ps.r.links, Policy: ps.w.policy(), ID: st.edit, Text: v.Text, Error: st.editErr, Preview: st.editPreview}
	if st.editText != nil {
		ep.Text = *st.editText
	}
	if !ps.at(st.edit, func(it *ui.Item) { ep.Card = it.Card; it.Edit = ep }) {
		ps.refuse(st.edit, comment.ErrNotFound)
	}
}

func (ps pageSlots) confirmDelete(id int64) {
	if _, err := ps.owner(id); err != nil {
		ps.refuse(id, err)
	} else if !ps.at(id, func(it *ui.Item) { it.Slot = ui.ConfirmDelete(ps.r.links, id) }) {
		ps.refuse(id, comment.ErrNotFound)
	}
}
