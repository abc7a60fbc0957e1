package admin

import (
	"encoding/json"
	"net/url"

	"github.com/natter/natter/views/components"
)

// Shared class lists (literal, so Tailwind finds them).
const (
	inputClass    = "nt-w-full nt-rounded-natter nt-border nt-bg-bg nt-px-2 nt-py-1.5"
	primaryButton = "nt-rounded-natter nt-bg-accent nt-px-3 nt-py-1.5 nt-font-semibold nt-text-accent-fg"
	plainButton   = "nt-rounded-natter nt-border nt-px-3 nt-py-1.5"
	dangerButton  = "nt-rounded-natter nt-border nt-border-danger nt-px-3 nt-py-1.5 nt-text-danger"
	smallButton   = "nt-rounded-natter nt-border nt-px-2 nt-py-0.5"
	smallPrimary  = "nt-rounded-natter nt-bg-accent nt-px-2 nt-py-0.5 nt-font-semibold nt-text-accent-fg"
	smallDanger   = "nt-rounded-natter nt-border nt-border-danger nt-px-2 nt-py-0.5 nt-text-danger"
)

func csrfHeaders(token string) string {
	if token == "" {
		return ""
	}
	b, _ := json.Marshal(map[string]string{"X-CSRF-Token": token})
	return string(b)
}

func themeName(t string) string {
	if t == "" {
		return "auto"
	}
	return t
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// stateQueue maps a row state to the queue that lists it.
func stateQueue(state string) string {
	if state == "placeholder" {
		return "deleted"
	}
	return state
}

// cardWithActions is the widget's comment card with the admin controls.
func (r Row) cardWithActions(e Env) components.CommentProps {
	c := r.Card
	if r.State != "placeholder" {
		c.Actions = rowActions(e, r)
	}
	c.HideScore = false
	// The card's own pending state, in the moderator's words (the widget's
	// default is addressed to the comment's author).
	c.Pending = r.State == "pending"
	if c.Pending {
		c.PendingLabel = e.M.T("card.pending")
	}
	return c
}
