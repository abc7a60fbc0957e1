package admin

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/notify"
	"github.com/natter/natter/internal/store"
	view "github.com/natter/natter/views/admin"
)

// Page sizes of the Notifications page.
const (
	deliveriesPage = 50
	auditPage      = 50
)

var deliveryStates = []string{store.OutboxQueued, store.OutboxRetrying, store.OutboxFailed, store.OutboxSent}

// notifyRoutes mounts the Notifications page and its actions.
func (h *panel) notifyRoutes(g fiber.Router) {
	g.Get("/notifications", h.auth, h.notifications)
	g.Post("/notifications/test", h.auth, h.sendTest)
	g.Post("/notifications/:id<int>/resend", h.auth, h.resend)
}

// notifications is GET /admin/notifications[?state=…&before=…].
func (h *panel) notifications(c *fiber.Ctx) error {
	ctx := c.UserContext()
	state := c.Query("state")
	if state != "" && !slices.Contains(deliveryStates, state) {
		return fiber.NewError(fiber.StatusBadRequest, "unknown state")
	}
	before, _ := strconv.ParseInt(c.Query("before"), 10, 64)
	ds, err := h.notify.Deliveries(ctx, store.OutboxFilter{State: state, Before: before, Limit: deliveriesPage})
	if err != nil {
		return err
	}
	acts, err := h.notify.LinkActions(ctx, auditPage)
	if err != nil {
		return err
	}
	p, err := h.page(c, env(c).M.T("notify.title"), "notifications")
	if err != nil {
		return err
	}
	p.Flash = flashFor(p.M, c.Query("tested"), c.Query("resent"))
	out := view.Notifications{Page: p, Channels: h.notify.Channels(), State: state}
	if out.Failing, err = h.notify.Failing(ctx, view.FailingAfter); err != nil {
		return err
	}
	for _, d := range ds {
		out.Deliveries = append(out.Deliveries, deliveryView(d))
	}
	if len(ds) == deliveriesPage {
		q := url.Values{"state": {state}, "before": {strconv.FormatInt(ds[len(ds)-1].ID, 10)}}
		out.Older = p.U("/admin/notifications?" + q.Encode())
	}
	for _, a := range acts {
		out.Actions = append(out.Actions, view.LinkAction{At: a.At, Action: kindName(a.Action),
			CommentID: a.CommentID, Via: a.Via, Addr: a.Addr})
	}
	return render.HTML(c, fiber.StatusOK, view.NotificationsPage(out))
}

func flashFor(m view.Msgs, tested, resent string) string {
	switch {
	case tested != "":
		return m.T("notify.tested", "channel", tested)
	case resent != "":
		return m.T("notify.resent", "id", resent)
	}
	return ""
}

func kindName(k notify.Kind) string { return strings.TrimPrefix(string(k), "comment.") }

func deliveryView(d notify.Delivery) view.Delivery {
	out := view.Delivery{ID: d.ID, Channel: d.Channel, Kind: kindName(d.Kind), CommentID: d.CommentID,
		Recipient: d.Recipient, State: d.State, Attempts: d.Attempts, Created: d.Created, NextAt: d.NextAt,
		Answer: d.Answer, Subject: d.Message.Thread.Title}
	if out.Subject == "" {
		out.Subject = d.Message.Thread.URI
	}
	if d.SentAt != nil {
		out.SentAt = *d.SentAt
	}
	return out
}

// sendTest is POST /admin/notifications/test: queue a test message to
// one channel; its outcome shows in the list once the worker has tried.
func (h *panel) sendTest(c *fiber.Ctx) error {
	channel := c.FormValue("channel")
	if _, err := h.notify.SendTest(c.UserContext(), channel); err != nil {
		if errors.Is(err, notify.ErrUnknownChannel) {
			return fiber.NewError(fiber.StatusBadRequest, "unknown channel")
		}
		return err
	}
	return c.Redirect(env(c).U("/admin/notifications?tested="+url.QueryEscape(channel)), fiber.StatusSeeOther)
}

// resend is POST /admin/notifications/:id/resend.
func (h *panel) resend(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := h.notify.Delivery(c.UserContext(), id); err != nil {
		return fiber.ErrNotFound
	}
	if err := h.notify.Resend(c.UserContext(), id); err != nil {
		return fiber.NewError(fiber.StatusConflict, env(c).M.T("notify.busy"))
	}
	return c.Redirect(env(c).U("/admin/notifications?resent="+strconv.FormatInt(id, 10)), fiber.StatusSeeOther)
}
