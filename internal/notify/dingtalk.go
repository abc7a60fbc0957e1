package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strconv"
	"time"
)

// dingtalkChannel is a DingTalk custom robot: a Markdown message, the
// request signed in its query when the robot has a secret.
type dingtalkChannel struct {
	webhook, secret string
	post            poster
	now             func() time.Time
}

func (d dingtalkChannel) Name() string { return DingTalk }

func (d dingtalkChannel) Send(ctx context.Context, m Message) (string, error) {
	p := newPushText(m)
	body := map[string]any{"msgtype": "markdown", "markdown": map[string]string{"title": p.Title, "text": p.Markdown()}}
	target, err := d.target()
	if err != nil {
		return "", Permanent(err)
	}
	answer, data, err := d.post.postJSON(ctx, target, body, nil)
	if err != nil {
		return answer, err
	}
	return answer, apiCode(data)
}

// target adds timestamp (milliseconds) and sign to the webhook URL.
func (d dingtalkChannel) target() (string, error) {
	if d.secret == "" {
		return d.webhook, nil
	}
	u, err := url.Parse(d.webhook)
	if err != nil {
		return "", errInvalidWebhook
	}
	ts := strconv.FormatInt(d.now().UnixMilli(), 10)
	q := u.Query()
	q.Set("timestamp", ts)
	q.Set("sign", dingtalkSign(ts, d.secret))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// dingtalkSign is DingTalk's signature: HMAC-SHA256 keyed with the secret
// over "<timestamp>\n<secret>", base64-encoded (url.Values encodes it).
func dingtalkSign(ts, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "\n" + secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
