package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
)

var errInvalidWebhook = errors.New("the webhook is not a URL")

// webhookChannel posts Natter's JSON payload (docs/notifications.md),
// signed with X-Natter-Signature when a secret is set.
type webhookChannel struct {
	url, secret string
	post        poster
}

func (w webhookChannel) Name() string { return Webhook }

// WebhookPayload is the body of a webhook request. It carries no e-mail
// address; remote_addr is Isso's anonymised address.
type WebhookPayload struct {
	Event   Kind           `json:"event"`
	Comment WebhookComment `json:"comment"`
	Thread  Thread         `json:"thread"`
	Links   Links          `json:"links"`
	Queued  int64          `json:"queued"` // UNIX seconds
}

// WebhookComment is the comment in a webhook payload, unescaped.
type WebhookComment struct {
	ID         int64   `json:"id"`
	Parent     *int64  `json:"parent"`
	Mode       int     `json:"mode"`
	Author     string  `json:"author"`
	Website    string  `json:"website"`
	Text       string  `json:"text"`
	RemoteAddr string  `json:"remote_addr"`
	Created    float64 `json:"created"`
}

func newWebhookPayload(m Message) WebhookPayload {
	c := m.Comment
	links := m.Links
	links.Unsubscribe = ""
	return WebhookPayload{Event: m.Kind, Thread: m.Thread, Links: links, Queued: m.Queued.Unix(),
		Comment: WebhookComment{ID: c.ID, Parent: c.Parent, Mode: c.Mode, Author: html.UnescapeString(c.Author),
			Website: html.UnescapeString(c.Website), Text: c.Text, RemoteAddr: c.RemoteAddr, Created: c.Created}}
}

func (w webhookChannel) Send(ctx context.Context, m Message) (string, error) {
	body, err := json.Marshal(newWebhookPayload(m))
	if err != nil {
		return "", Permanent(fmt.Errorf("encode payload: %w", err))
	}
	hdr := http.Header{"Content-Type": {"application/json"}, "X-Natter-Event": {string(m.Kind)}}
	if w.secret != "" {
		hdr.Set("X-Natter-Signature", "sha256="+Signature(w.secret, body))
	}
	answer, _, err := w.post.post(ctx, w.url, body, hdr)
	return answer, err
}

// Signature is the hex HMAC-SHA256 of body with secret, as sent in
// X-Natter-Signature (after "sha256=").
func Signature(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}
