package config

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The push channels' keys come from the file, the environment or a
// secret file, and `natter check` masks every secret among them.
func TestLoad_PushChannels(t *testing.T) {
	dir := t.TempDir()
	tokenFile := writeFile(t, dir, "token", "123:telegram-secret\n")
	writeFile(t, dir, "feishu", "feishu-sign-secret\n")
	c, w, err := loadText(t, minimal+`notify = stdout smtp, wechat wecom feishu dingtalk telegram webhook
[smtp]
to = owner@example.org
from = noreply@example.org
[wechat]
sckey = SCT1xyz
api-base = http://127.0.0.1:9/relay
[wecom]
webhook = https://qyapi.example/send?key=wecom-secret
[feishu]
webhook = https://open.feishu.example/hook/feishu-secret
secret-file = `+filepath.Join(dir, "feishu")+`
[dingtalk]
webhook = https://oapi.dingtalk.example/robot/send?access_token=ding-secret
secret = ding-sign-secret
[telegram]
chat-id = -10042
[webhook]
url = https://hooks.example/natter
`, "NATTER_TELEGRAM_TOKEN_FILE="+tokenFile, "NATTER_WEBHOOK_SECRET=hook-secret")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(w) != 0 {
		t.Errorf("warnings: %v", w)
	}
	checks := []struct{ name, got, want string }{
		{"notify", strings.Join(c.General.Notify, "|"), "stdout|smtp|wechat|wecom|feishu|dingtalk|telegram|webhook"},
		{"wechat api-base", c.WeChat.APIBase, "http://127.0.0.1:9/relay"},
		{"telegram token", c.Telegram.Token, "123:telegram-secret"},
		{"telegram chat", c.Telegram.ChatID, "-10042"},
		{"telegram api", c.Telegram.APIBase, "https://api.telegram.org"},
		{"webhook secret", c.Webhook.Secret, "hook-secret"},
		{"feishu secret", c.Feishu.Secret, "feishu-sign-secret"},
		{"dingtalk secret", c.DingTalk.Secret, "ding-sign-secret"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q, want %q", ck.name, ck.got, ck.want)
		}
	}
	var b bytes.Buffer
	if err := c.WriteEffective(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"wecom-secret", "feishu-secret", "ding-secret", "ding-sign-secret", "telegram-secret",
		"hook-secret", "feishu-sign-secret", "SCT1xyz"} {
		if strings.Contains(b.String(), s) {
			t.Errorf("WriteEffective leaks %q", s)
		}
	}
}

func TestLoad_SMTPWarnings(t *testing.T) {
	cases := []struct {
		name, text, key string
	}{
		{"no owner", minimal + "notify = smtp\n[smtp]\nfrom = a@example.org\n", "to"},
		{"no sender", minimal + "reply-notifications = true\n", "from"},
		{"sender from login", minimal + "notify = smtp\n[smtp]\nto = o@example.org\nusername = u@example.org\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, w := mustLoad(t, c.text)
			if c.key == "" && len(w) != 0 || c.key != "" && (len(w) != 1 || !hasWarning(w, "smtp", c.key, "")) {
				t.Errorf("warnings %v, want one on [smtp] %q", w, c.key)
			}
		})
	}
}
