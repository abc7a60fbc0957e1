package admin

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"

	"github.com/natter/natter/internal/comment"
	view "github.com/natter/natter/views/admin"
)

// parseFilter reads a queue filter from query or form values; prefix is
// "" for the queue's query and "f_" for the bulk form's copy.
func parseFilter(get func(string) string, prefix string) (comment.Filter, comment.Order, view.Filter, error) {
	v := func(k string) string { return strings.TrimSpace(get(prefix + k)) }
	shown := view.Filter{State: v("state"), Search: v("q"), Thread: v("thread"), Author: v("author"),
		Email: v("email"), IP: v("ip"), From: v("from"), To: v("to"), Sort: v("sort")}
	state, ok := comment.ParseState(shown.State)
	if !ok {
		return comment.Filter{}, "", shown, fiber.NewError(fiber.StatusBadRequest, "unknown state")
	}
	shown.State = string(state)
	order, ok := comment.ParseOrder(shown.Sort)
	if !ok {
		return comment.Filter{}, "", shown, fiber.NewError(fiber.StatusBadRequest, "unknown sort")
	}
	f := comment.Filter{State: state, Author: shown.Author, Email: shown.Email, IPPrefix: shown.IP, Search: shown.Search}
	if shown.Thread != "" {
		id, err := strconv.ParseInt(shown.Thread, 10, 64)
		if err != nil {
			return f, order, shown, fiber.NewError(fiber.StatusBadRequest, "thread must be a number")
		}
		f.ThreadID = id
	}
	for _, d := range []struct {
		s    string
		dst  *float64
		next bool
	}{{shown.From, &f.From, false}, {shown.To, &f.To, true}} {
		if d.s == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.s)
		if err != nil {
			return f, order, shown, fiber.NewError(fiber.StatusBadRequest, "dates are YYYY-MM-DD")
		}
		if d.next { // "to" includes the whole day
			t = t.AddDate(0, 0, 1)
		}
		*d.dst = float64(t.Unix())
	}
	return f, order, shown, nil
}

// queue is GET /admin/: one page of a state's comments.
func (h *panel) queue(c *fiber.Ctx) error {
	f, order, shown, err := parseFilter(func(k string) string { return c.Query(k) }, "")
	if err != nil {
		return err
	}
	after, ok := comment.ParseCursor(c.Query("after"))
	if !ok {
		return fiber.NewError(fiber.StatusBadRequest, "bad cursor")
	}
	res, err := h.admin.Queue(c.UserContext(), f, order, after, pageSize)
	if err != nil {
		return err
	}
	p, err := h.page(c, env(c).M.T("nav."+string(f.State)), string(f.State))
	if err != nil {
		return err
	}
	if n := c.Query("done"); n != "" {
		if _, err := strconv.Atoi(n); err == nil {
			p.Flash = p.M.T("done", "n", n)
		}
	}
	q := view.Queue{Page: p, Filter: shown, Matching: res.Matching}
	for _, r := range res.Rows {
		q.Rows = append(q.Rows, h.row(p.Env, r, p.Here))
	}
	vals := shown.Values()
	if res.Next != nil {
		vals.Set("after", res.Next.String())
		q.Next = p.U("/admin/?" + vals.Encode())
		vals.Del("after")
	}
	if after != nil {
		q.First = p.U("/admin/?" + vals.Encode())
	}
	return render.HTML(c, fiber.StatusOK, view.QueuePage(q))
}

func pathID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

// done answers a row action: the updated row for htmx, else a redirect
// back to the list the form was on.
func (h *panel) done(c *fiber.Ctx, r comment.AdminRow, note string) error {
	back := safeBack(c.FormValue("back"))
	if !isHTMX(c) {
		return c.Redirect(env(c).U(back), fiber.StatusSeeOther)
	}
	row := h.row(env(c), r, back)
	row.Note = note
	return render.HTML(c, fiber.StatusOK, view.RowView(env(c), row))
}

// rowAction is one action on the comment (or trash entry) in the path;
// it returns the row as it stands afterwards.
type rowAction func(ctx context.Context, id int64) (comment.AdminRow, error)

// act runs a row action and answers with its row and note.
func (h *panel) act(c *fiber.Ctx, do rowAction, note string) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := do(c.UserContext(), id)
	if err != nil {
		return mapError(c, err)
	}
	return h.done(c, r, env(c).M.T(note))
}

// approve is POST /admin/comments/:id/approve.
func (h *panel) approve(c *fiber.Ctx) error {
	return h.act(c, func(ctx context.Context, id int64) (comment.AdminRow, error) {
		if _, err := h.admin.Approve(ctx, id); err != nil {
			return comment.AdminRow{}, err
		}
		return h.admin.Comment(ctx, id)
	}, "state.now_approved")
}

// remove is POST /admin/comments/:id/delete; the copy in the trash keeps
// it restorable.
func (h *panel) remove(c *fiber.Ctx) error {
	return h.act(c, func(ctx context.Context, id int64) (comment.AdminRow, error) {
		trash, err := h.admin.Delete(ctx, id)
		if err != nil {
			return comment.AdminRow{}, err
		}
		return h.admin.Trashed(ctx, trash)
	}, "state.now_deleted")
}

// restore is POST /admin/trash/:id/restore.
func (h *panel) restore(c *fiber.Ctx) error {
	return h.act(c, func(ctx context.Context, id int64) (comment.AdminRow, error) {
		r, err := h.admin.Restore(ctx, id)
		if err != nil {
			return r, err
		}
		return h.admin.Comment(ctx, r.ID)
	}, "state.now_restored")
}

// pathRow loads the comment in the path.
func (h *panel) pathRow(c *fiber.Ctx) (comment.AdminRow, error) {
	id, err := pathID(c)
	if err != nil {
		return comment.AdminRow{}, err
	}
	r, err := h.admin.Comment(c.UserContext(), id)
	if err != nil {
		return r, mapError(c, err)
	}
	return r, nil
}

// showRow is GET /admin/comments/:id/row (cancelling an edit).
func (h *panel) showRow(c *fiber.Ctx) error {
	r, err := h.pathRow(c)
	if err != nil {
		return err
	}
	return render.HTML(c, fiber.StatusOK, view.RowView(env(c), h.row(env(c), r, c.Query("back"))))
}

// bulk is POST /admin/bulk. The first request only counts and asks; the
// confirmation carries the count it showed, and a filter whose result
// changed meanwhile is asked about again instead of acted on.
func (h *panel) bulk(c *fiber.Ctx) error {
	action, scope := c.FormValue("action"), c.FormValue("scope")
	if op := c.FormValue("op"); op != "" {
		action, scope, _ = strings.Cut(op, ":")
	}
	act := comment.BulkAction(action)
	if act != comment.BulkApprove && act != comment.BulkDelete && act != comment.BulkRestore {
		return fiber.NewError(fiber.StatusBadRequest, "unknown action")
	}
	f, _, shown, err := parseFilter(func(k string) string { return c.FormValue(k) }, "f_")
	if err != nil {
		return err
	}
	var ids []int64
	for _, raw := range c.Request().PostArgs().PeekMulti("id") {
		id, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			return fiber.NewError(fiber.StatusBadRequest, "bad id")
		}
		ids = append(ids, id)
	}
	ctx := c.UserContext()
	n := len(ids)
	if scope == "all" {
		if n, err = h.admin.Count(ctx, f); err != nil {
			return err
		}
	} else {
		scope = "selected"
	}
	back := safeBack(c.FormValue("back"))
	confirmed, cerr := strconv.Atoi(c.FormValue("confirm"))
	if cerr != nil || confirmed != n || n == 0 {
		changed := -1
		if cerr == nil && confirmed != n {
			changed = confirmed
		}
		return h.confirmBulk(c, action, scope, back, ids, shown, n, changed)
	}
	var done int
	if scope == "all" {
		done, err = h.admin.BulkFilter(ctx, act, f)
	} else {
		done, err = h.admin.Bulk(ctx, act, ids)
	}
	if err != nil {
		return mapError(c, err)
	}
	sep := "?"
	if strings.Contains(back, "?") {
		sep = "&"
	}
	return c.Redirect(env(c).U(back+sep+"done="+strconv.Itoa(done)), fiber.StatusSeeOther)
}

func (h *panel) confirmBulk(c *fiber.Ctx, action, scope, back string, ids []int64, shown view.Filter, n, changed int) error {
	p, err := h.page(c, env(c).M.T("bulk."+action), shown.State)
	if err != nil {
		return err
	}
	fields := [][2]string{{"action", action}, {"scope", scope}, {"back", back}}
	for _, id := range ids {
		fields = append(fields, [2]string{"id", strconv.FormatInt(id, 10)})
	}
	for k, vs := range shown.Values() {
		for _, v := range vs {
			fields = append(fields, [2]string{"f_" + k, v})
		}
	}
	return render.HTML(c, fiber.StatusOK, view.ConfirmPage(view.Confirm{
		Page: p, Action: action, N: n, Changed: changed, Fields: fields, Cancel: p.U(back),
	}))
}
