package embed

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/markup"
	ui "github.com/natter/natter/views/embed"
)

// more is GET /embed/more: the next page of top-level comments, or of a
// comment's replies (parent=id).
func (w *widget) more(c *fiber.Ctx) error {
	opts, loc := w.options(c)
	q := comment.ListQuery{Sort: comment.Sort(opts.Sort), Offset: max(intParam(c.Query("offset"), 0), 0)}
	limit := opts.Limit
	var parent int64
	if p, err := strconv.ParseInt(c.Query("parent"), 10, 64); err == nil && p > 0 {
		parent = p
		q.Parent = &parent
		if limit = opts.Nested; limit == 0 {
			limit = ui.DefaultNested
		}
		limit = max(limit, 20) // replies come in larger pages once asked for
	} else {
		q.NestedLimit = nestedPtr(opts.Nested)
	}
	q.Limit = limitPtr(limit)
	listing, err := w.svc.List(c.UserContext(), opts.URI, q)
	if err != nil {
		return w.refuseErr(c, loc, err)
	}
	r := w.reader(ui.Links{Base: base(c), Opts: opts}, loc, w.svc.Owned(listing.Snapshot, tokens(c)))
	items := r.items(listing.ForReader(nil))
	c.Vary(fiber.HeaderAcceptLanguage, TokenHeader)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	ids := ui.IDs{Key: opts.Key()}
	return w.renderFragment(c, fiber.StatusOK, loc,
		ui.MorePage(r.links, ids, parent, items, max(listing.HiddenReplies, 0), q.Offset+len(listing.Items)))
}

// counts is GET /embed/counts?uri=a&uri=b: published comments per thread,
// in order, for the count loader (one request per page).
func (w *widget) counts(c *fiber.Ctx) error {
	var uris []string
	c.Context().QueryArgs().VisitAll(func(k, v []byte) {
		if string(k) == "uri" && len(uris) < 200 {
			uris = append(uris, string(v))
		}
	})
	n, err := w.svc.Counts(c.UserContext(), uris)
	if err != nil {
		return err
	}
	loc := w.locale(c, c.Query("lang"))
	labels := make([]string, len(n))
	for i, k := range n {
		labels[i] = loc.N("thread.count", k)
	}
	if n == nil {
		n = []int{}
	}
	c.Vary(fiber.HeaderAcceptLanguage)
	c.Set(fiber.HeaderCacheControl, "public, max-age=30")
	return c.JSON(fiber.Map{"counts": n, "labels": labels})
}

// preview is POST /embed/preview.
func (w *widget) preview(c *fiber.Ctx) error {
	_, loc := w.options(c)
	return w.renderFragment(c, fiber.StatusOK, loc, ui.Preview(w.previewHTML(c.FormValue("text"))))
}

// previewHTML renders text as it would be stored; "" for blank text.
func (w *widget) previewHTML(text string) markup.SafeHTML {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return w.svc.Preview(text)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
