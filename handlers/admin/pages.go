package admin

import (
	"errors"
	"log/slog"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"

	"github.com/natter/natter/internal/comment"
	view "github.com/natter/natter/views/admin"
)

func (h *panel) threadItem(t comment.ThreadSummary) view.ThreadItem {
	it := view.ThreadItem{ID: t.ID, URI: t.URI, Title: t.DisplayTitle(),
		Published: t.Published, Pending: t.Pending, Deleted: t.Deleted, Latest: t.LatestAt()}
	if h.siteURL != "" && strings.HasPrefix(t.URI, "/") {
		it.Link = h.siteURL + t.URI
	}
	return it
}

// threads is GET /admin/threads.
func (h *panel) threads(c *fiber.Ctx) error {
	offset, _ := strconv.Atoi(c.Query("offset"))
	offset = max(offset, 0)
	search := strings.TrimSpace(c.Query("q"))
	items, total, err := h.admin.Threads(c.UserContext(), comment.ThreadQuery{Search: search, Offset: offset, Limit: pageSize})
	if err != nil {
		return err
	}
	p, err := h.page(c, env(c).M.T("threads.title"), "threads")
	if err != nil {
		return err
	}
	t := view.Threads{Page: p, Search: search, Total: total}
	for _, it := range items {
		t.Items = append(t.Items, h.threadItem(it))
	}
	link := func(off int) string {
		return p.U("/admin/threads?q=" + url.QueryEscape(search) + "&offset=" + strconv.Itoa(off))
	}
	if offset > 0 {
		t.Prev = link(0)
	}
	if offset+pageSize < total {
		t.Next = link(offset + pageSize)
	}
	return render.HTML(c, fiber.StatusOK, view.ThreadsPage(t))
}

// thread is GET /admin/threads/:id: the thread in reading order.
func (h *panel) thread(c *fiber.Ctx) error {
	return h.showThread(c, fiber.StatusOK, c.Query("saved") != "", "")
}

func (h *panel) showThread(c *fiber.Ctx, status int, saved bool, msg string) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	tp, err := h.admin.Thread(c.UserContext(), id)
	if err != nil {
		return mapError(c, err)
	}
	p, err := h.page(c, tp.Summary.DisplayTitle(), "threads")
	if err != nil {
		return err
	}
	out := view.ThreadPage{Page: p, Thread: h.threadItem(tp.Summary), Saved: saved, Err: msg}
	if out.Thread.Title == "" {
		p.Title = tp.Summary.URI
	}
	for _, v := range tp.Comments {
		r := h.row(p.Env, comment.AdminRow{Comment: v.Comment, ThreadURI: tp.Summary.URI, ThreadTitle: tp.Summary.Title}, p.Here)
		r.Selectable = false
		out.Rows = append(out.Rows, r)
	}
	return render.HTML(c, status, view.ThreadView(out))
}

// saveThread is POST /admin/threads/:id: fix the title or move the URI.
func (h *panel) saveThread(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	_, err = h.admin.UpdateThread(c.UserContext(), id, c.FormValue("uri"), strings.TrimSpace(c.FormValue("title")))
	var inv *comment.InvalidError
	switch {
	case errors.Is(err, comment.ErrURITaken):
		return h.showThread(c, fiber.StatusConflict, false, env(c).M.T("threads.taken"))
	case errors.As(err, &inv):
		return h.showThread(c, fiber.StatusUnprocessableEntity, false, env(c).M.T("error.invalid", "msg", inv.Message))
	case err != nil:
		return mapError(c, err)
	}
	return c.Redirect(env(c).U("/admin/threads/"+strconv.FormatInt(id, 10)+"?saved=1"), fiber.StatusSeeOther)
}

// dashboard is GET /admin/dashboard.
func (h *panel) dashboard(c *fiber.Ctx) error {
	d, err := h.admin.Dashboard(c.UserContext(), 30)
	if err != nil {
		return err
	}
	p, err := h.page(c, env(c).M.T("dash.title"), "dashboard")
	if err != nil {
		return err
	}
	out := view.Dashboard{Page: p}
	for _, day := range d.Days {
		out.Days = append(out.Days, view.Day{Date: day.Day, Count: day.Count})
	}
	for _, t := range d.ActiveThreads {
		it := h.threadItem(t)
		it.Published = t.Recent
		out.Active = append(out.Active, it)
	}
	for _, f := range h.failures.Recent() {
		out.Failures = append(out.Failures, view.Failure{Time: f.Time, Error: f.Level >= slog.LevelError, Message: f.Message})
	}
	return render.HTML(c, fiber.StatusOK, view.DashboardPage(out))
}

// editForm is GET /admin/comments/:id/edit.
func (h *panel) editForm(c *fiber.Ctx) error {
	r, err := h.pathRow(c)
	if err != nil {
		return err
	}
	row := h.row(env(c), r, c.Query("back"))
	e := view.Edit{Env: env(c), Row: row, Author: row.Card.Author, Email: row.Email,
		Website: h.admin.Show(r).Website, Text: r.Text}
	return h.renderEdit(c, fiber.StatusOK, e)
}

func (h *panel) renderEdit(c *fiber.Ctx, status int, e view.Edit) error {
	if isHTMX(c) {
		return render.HTML(c, status, view.EditForm(e))
	}
	p, err := h.page(c, e.M.T("edit.title", "id", strconv.FormatInt(e.Row.ID, 10)), "")
	if err != nil {
		return err
	}
	return render.HTML(c, status, view.EditPageView(view.EditPage{Page: p, Edit: e}))
}

// saveEdit is POST /admin/comments/:id/edit; with preview=1 (the no-JS
// preview button) it only renders the preview.
func (h *panel) saveEdit(c *fiber.Ctx) error {
	r, err := h.pathRow(c)
	if err != nil {
		return err
	}
	ctx, id := c.UserContext(), r.ID
	text, author, email, website := c.FormValue("text"), c.FormValue("author"), c.FormValue("email"), c.FormValue("website")
	e := view.Edit{Env: env(c), Row: h.row(env(c), r, c.FormValue("back")),
		Author: author, Email: email, Website: website, Text: text}
	if c.FormValue("preview") != "" {
		e.Preview = h.admin.Preview(text).HTML
		return h.renderEdit(c, fiber.StatusOK, e)
	}
	updated, err := h.admin.Edit(ctx, id, comment.Input{Text: &text, Author: &author, Email: &email, Website: &website})
	var inv *comment.InvalidError
	if errors.As(err, &inv) {
		e.Error = e.M.T("error.invalid", "msg", inv.Message)
		// 200 so that htmx 2 swaps the form with its message in.
		return h.renderEdit(c, fiber.StatusOK, e)
	}
	if err != nil {
		return mapError(c, err)
	}
	return h.done(c, updated, e.M.T("state.now_saved"))
}

// preview is POST /admin/comments/:id/preview (htmx).
func (h *panel) preview(c *fiber.Ctx) error {
	return render.HTML(c, fiber.StatusOK, view.PreviewBody(env(c).M, h.admin.Preview(c.FormValue("text")).HTML))
}
