package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"time"
)

// feishuChannel is a Feishu (Lark) custom bot: a text message, signed
// when the bot has a secret.
type feishuChannel struct {
	webhook, secret string
	post            poster
	now             func() time.Time
}

func (f feishuChannel) Name() string { return Feishu }

func (f feishuChannel) Send(ctx context.Context, m Message) (string, error) {
	body := map[string]any{"msg_type": "text", "content": map[string]string{"text": newPushText(m).Plain()}}
	if f.secret != "" {
		ts := strconv.FormatInt(f.now().Unix(), 10)
		body["timestamp"], body["sign"] = ts, feishuSign(ts, f.secret)
	}
	answer, data, err := f.post.postJSON(ctx, f.webhook, body, nil)
	if err != nil {
		return answer, err
	}
	return answer, apiCode(data)
}

// feishuSign is Feishu's signature: HMAC-SHA256 keyed with
// "<timestamp>\n<secret>" over an empty message, base64-encoded.
func feishuSign(ts, secret string) string {
	mac := hmac.New(sha256.New, []byte(ts+"\n"+secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
