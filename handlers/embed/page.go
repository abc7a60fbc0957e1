package embed

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/internal/markup"
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
	editText    *string
	editErr     string
	editPreview *markup.SafeHTML
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
	"vote_own":    "vote.own",
	"vote_limit":  "vote.limit",
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
		isVote := strings.HasPrefix(note, "vote_")
		st.msg, st.msgErr, st.vote = loc.T(key), isVote, isVote
	}
	return st
}

// renderPage answers with the plain thread page in state st. It is never
// cached: it carries the reader's forms or messages.
func (w *widget) renderPage(c *fiber.Ctx, status int, opts ui.Options, loc *i18n.Locale, st pageState) error {
	noFraming(c)
	listing, err := w.svc.List(c.UserContext(), opts.URI, firstPage(opts))
	if err != nil {
		return w.refuseErr(c, loc, err)
	}
	toks := tokens(c)
	r := w.reader(ui.Links{Base: base(c), Opts: opts}, loc, w.svc.Owned(listing.Snapshot, toks))
	props := w.threadProps(r, listing)
	props.Page = true
	if st.form != nil {
		props.Form = *st.form
	}
	if props.Form.Return == "" {
		props.Form.Return = r.links.Page()
	}
	ps := pageSlots{w: w, c: c, r: r, p: &props, snap: listing.Snapshot, toks: toks}
	ps.apply(st)
	c.Vary(fiber.HeaderAcceptLanguage, "HX-Request", TokenHeader)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.renderFragment(c, status, loc, w.page(props, opts))
}

// backToPage answers a successful no-JS write: 303 to the plain page at
// the comment (or at the post form when it is gone), with a notice.
func (w *widget) backToPage(c *fiber.Ctx, opts ui.Options, id int64, note string, anchor string) error {
	if anchor == "" {
		anchor = components.CommentDOMID(id)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	// A form of the thread inlined on the host page returns there.
	if ret := w.safeReturn(c, c.FormValue("return")); ret != "" {
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
func (w *widget) nojsRefusal(c *fiber.Ctx, opts ui.Options, loc *i18n.Locale, id int64, err error) error {
	r := w.failure(c, loc, err)
	return w.renderPage(c, r.status, opts, loc, pageState{at: id, msg: r.msg, msgErr: true})
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
