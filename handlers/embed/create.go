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

func optional(s string) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return &s
}

// formValues reads the post form's fields.
func formValues(c *fiber.Ctx) ui.FormValues {
	return ui.FormValues{Text: c.FormValue("text"), Author: c.FormValue("author"),
		Email: c.FormValue("email"), Website: c.FormValue("website"), Notify: c.FormValue("notification") == "1"}
}

func createInput(vals ui.FormValues, opts ui.Options, parent int64) comment.CreateInput {
	text, notify := vals.Text, 0
	if vals.Notify {
		notify = 1
	}
	in := comment.CreateInput{
		Input: comment.Input{Text: &text, Author: optional(vals.Author), Email: optional(vals.Email), Website: optional(vals.Website)},
		URI:   opts.URI, Title: opts.Title, Notification: &notify,
	}
	if parent != 0 {
		in.Parent = &parent
	}
	return in
}

// create is POST /embed/comments: a new comment or reply. htmx gets the
// fresh form, the new comment and the count; a plain form post is
// redirected back to the page it came from.
func (w *widget) create(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	vals := formValues(c)
	parent, _ := strconv.ParseInt(c.FormValue("parent"), 10, 64)
	parent = max(parent, 0)
	links := ui.Links{Base: base(c), Opts: opts}
	form := ui.FormProps{Links: links, Policy: w.policy(), Parent: parent}
	if parent != 0 {
		form.ParentName = loc.T("comment.anonymous")
		if pv, _, err := w.svc.Find(c.UserContext(), opts.URI, parent, tokens(c)); err == nil {
			form.ParentName = parentName(loc, pv)
		}
	}
	if !isHTMX(c) && c.FormValue("preview") != "" {
		// The plain page's Preview: the page again, nothing stored.
		html := w.previewHTML(vals.Text)
		form.Values, form.Preview = vals, &html
		return w.nojsFormError(c, loc, opts, form, fiber.StatusOK)
	}
	created, err := w.svc.Create(c.UserContext(), createInput(vals, opts, parent), w.actor(c, parent))
	if err != nil {
		r := w.failure(c, loc, err)
		form.Values, form.Error, form.ErrorField = vals, r.msg, r.field
		if !isHTMX(c) {
			return w.nojsFormError(c, loc, opts, form, r.status)
		}
		return w.renderFragment(c, r.status, loc, ui.Form(form))
	}
	w.giveToken(c, created.ID, created.Token)
	if !isHTMX(c) {
		return w.nojsRedirect(c, opts, created.ID)
	}
	return w.posted(c, opts, loc, created, parent)
}

// posted answers a created comment to htmx: the fresh form, the comment
// in its place and the new count.
func (w *widget) posted(c *fiber.Ctx, opts ui.Options, loc *i18n.Locale, created comment.Created, parent int64) error {
	listing, err := w.svc.List(c.UserContext(), created.URI, comment.ListQuery{Limit: limitPtr(0)})
	if err != nil {
		return w.refuseErr(c, loc, err)
	}
	v := created.View
	if snapV, ok := listing.Snapshot.Comment(v.ID); ok {
		v = snapV // carries Root
	} else if parent != 0 && v.Parent != nil {
		v.Root = *v.Parent
	}
	links := ui.Links{Base: base(c), Opts: opts}
	it := w.reader(links, loc, map[int64]bool{v.ID: true}).item(v)
	notice, status := loc.T("notice.posted"), fiber.StatusCreated
	if v.Pending() {
		notice, status = loc.T("notice.pending"), fiber.StatusAccepted
	}
	fresh := ui.FormProps{Links: links, Policy: w.policy(), Notice: notice, Parent: parent,
		Values: ui.FormValues{Notify: opts.NotifyDefault}}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return w.renderFragment(c, status, loc, ui.Posted(fresh, ui.IDs{Key: opts.Key()}, it,
		listing.TotalReplies, opts.Sort == "newest", notice))
}

// nojsRedirect sends a plain form post back to its page, at the comment.
func (w *widget) nojsRedirect(c *fiber.Ctx, opts ui.Options, id int64) error {
	target := w.safeReturn(c, c.FormValue("return"))
	if target == "" && opts.Page != "" {
		target = opts.Page
	}
	if target == "" {
		target = w.origins.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer)) + opts.URI
	}
	target, _, _ = strings.Cut(target, "#")
	return c.Redirect(target+"#"+components.CommentDOMID(id), fiber.StatusSeeOther)
}

// nojsFormError shows a refused (or previewed) plain form post as the
// plain page with the form (the post form, or the reply form under its
// comment), its values and the message or preview.
func (w *widget) nojsFormError(c *fiber.Ctx, loc *i18n.Locale, opts ui.Options, form ui.FormProps, status int) error {
	form.Return = c.FormValue("return")
	if form.Parent != 0 {
		return w.renderPage(c, status, opts, loc, pageState{reply: form.Parent, replyForm: &form})
	}
	return w.renderPage(c, status, opts, loc, pageState{form: &form})
}
