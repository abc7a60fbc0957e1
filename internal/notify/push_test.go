package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
)

func pushConfig(base string) string {
	return fmt.Sprintf(`[general]
host = https://blog.example
notify = wechat, wecom feishu dingtalk telegram webhook
[moderation]
enabled = true
[server]
public-endpoint = https://comments.example
[wechat]
sckey = SCT123abc
api-base = %[1]s
[wecom]
webhook = %[1]s/wecom/send?key=WECOMKEY
[feishu]
webhook = %[1]s/feishu/hook/FEISHUHOOK
secret = feishu-secret
[dingtalk]
webhook = %[1]s/dingtalk/robot/send?access_token=DINGTOKEN
secret = ding-secret
[telegram]
token = 42:TGTOKEN
chat-id = -1001
api-base = %[1]s/tg
[webhook]
url = %[1]s/hook
secret = hook-secret
`, base)
}

// One pending comment reaches every push API in its own dialect, signed
// where the API signs, with approve/delete/view links, and without the
// author's e-mail or full address.
func TestPush_EveryChannel(t *testing.T) {
	rc := newReceiver(t, nil)
	h := newHarness(t, pushConfig(rc.URL), Deps{})
	h.start()
	text := "Click [Approve](https://evil.example) \x1b now\n" + strings.Repeat("长", 600)
	c := h.post(comment.CreateInput{Input: comment.Input{Text: &text, Author: str("Ann <b>"), Email: str("ann@example.org")}})
	ds := h.waitSettled(6)
	for _, d := range ds {
		if d.State != "sent" {
			t.Errorf("%s: %s %q", d.Channel, d.State, d.Answer)
		}
	}
	byPath := map[string]request{}
	for _, r := range rc.requests() {
		if r.Method != "POST" {
			t.Errorf("%s %s", r.Method, r.Path)
		}
		if strings.Contains(r.Body, "ann@example.org") || strings.Contains(r.Body, "203.0.113.77") {
			t.Errorf("%s leaks the e-mail or the full address: %s", r.Path, r.Body)
		}
		byPath[r.Path] = r
	}
	activate := fmt.Sprintf("https://comments.example/id/%d/activate/", c.ID)
	checks := map[string]func(*testing.T, request){
		"/SCT123abc.send":               func(t *testing.T, r request) { checkWeChat(t, r, activate) },
		"/wecom/send":                   func(t *testing.T, r request) { checkWeCom(t, r, activate) },
		"/feishu/hook/FEISHUHOOK":       func(t *testing.T, r request) { checkFeishu(t, r, activate) },
		"/dingtalk/robot/send":          func(t *testing.T, r request) { checkDingTalk(t, r, activate) },
		"/tg/bot42:TGTOKEN/sendMessage": func(t *testing.T, r request) { checkTelegram(t, r, activate) },
		"/hook":                         func(t *testing.T, r request) { checkWebhook(t, r, c.ID) },
	}
	for path, check := range checks {
		r, ok := byPath[path]
		if !ok {
			t.Errorf("nothing posted to %s (got %v)", path, keys(byPath))
			continue
		}
		t.Run(strings.Split(path, "/")[1], func(t *testing.T) { check(t, r) })
	}
}

func checkWeChat(t *testing.T, r request, activate string) {
	form, err := url.ParseQuery(r.Body)
	if err != nil || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Fatalf("not a form: %v %q", err, r.Header.Get("Content-Type"))
	}
	if title := form.Get("title"); !strings.HasPrefix(title, "Ann <b> commented on") || len([]rune(title)) > 32 {
		t.Errorf("title = %q", title)
	}
	desp := form.Get("desp")
	for _, want := range []string{`\[Approve\]\(https://evil\.example\)`, "[Approve](" + activate, "This comment waits for your approval"} {
		if !strings.Contains(desp, want) {
			t.Errorf("desp lacks %q:\n%s", want, desp)
		}
	}
	if strings.Contains(desp, "\x1b") || strings.Count(desp, "长") > maxText {
		t.Errorf("desp not sanitised or not truncated: %d characters", len([]rune(desp)))
	}
	if short := form.Get("short"); len([]rune(short)) > 64 || !strings.HasPrefix(short, "Click") {
		t.Errorf("short = %q", short)
	}
}

func checkWeCom(t *testing.T, r request, activate string) {
	var body struct {
		MsgType  string            `json:"msgtype"`
		Markdown map[string]string `json:"markdown"`
	}
	mustJSON(t, r.Body, &body)
	if r.Query.Get("key") != "WECOMKEY" || body.MsgType != "markdown" || !strings.Contains(body.Markdown["content"], activate) {
		t.Errorf("query %v body %s", r.Query, r.Body)
	}
}

func checkFeishu(t *testing.T, r request, activate string) {
	var body struct {
		Timestamp, Sign, MsgType string            `json:"-"`
		TS                       string            `json:"timestamp"`
		Sig                      string            `json:"sign"`
		Type                     string            `json:"msg_type"`
		Content                  map[string]string `json:"content"`
	}
	mustJSON(t, r.Body, &body)
	mac := hmac.New(sha256.New, []byte(body.TS+"\nfeishu-secret"))
	if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); body.Sig != want || body.TS == "" {
		t.Errorf("sign = %q, want %q (timestamp %q)", body.Sig, want, body.TS)
	}
	if body.Type != "text" || !strings.Contains(body.Content["text"], "Approve: "+activate) {
		t.Errorf("body %s", r.Body)
	}
}

func checkDingTalk(t *testing.T, r request, activate string) {
	ts, sign := r.Query.Get("timestamp"), r.Query.Get("sign")
	mac := hmac.New(sha256.New, []byte("ding-secret"))
	mac.Write([]byte(ts + "\nding-secret"))
	if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); sign != want || len(ts) != 13 {
		t.Errorf("timestamp %q sign %q, want %q", ts, sign, want)
	}
	if r.Query.Get("access_token") != "DINGTOKEN" {
		t.Errorf("access_token lost: %v", r.Query)
	}
	var body struct {
		MsgType  string            `json:"msgtype"`
		Markdown map[string]string `json:"markdown"`
	}
	mustJSON(t, r.Body, &body)
	if body.MsgType != "markdown" || body.Markdown["title"] == "" || !strings.Contains(body.Markdown["text"], activate) {
		t.Errorf("body %s", r.Body)
	}
}

func checkTelegram(t *testing.T, r request, activate string) {
	var body struct {
		ChatID  string `json:"chat_id"`
		Text    string `json:"text"`
		Preview bool   `json:"disable_web_page_preview"`
	}
	mustJSON(t, r.Body, &body)
	if body.ChatID != "-1001" || !body.Preview || !strings.Contains(body.Text, "Approve: "+activate) {
		t.Errorf("body %s", r.Body)
	}
}

func checkWebhook(t *testing.T, r request, id int64) {
	mac := hmac.New(sha256.New, []byte("hook-secret"))
	mac.Write([]byte(r.Body))
	if got, want := r.Header.Get("X-Natter-Signature"), "sha256="+fmt.Sprintf("%x", mac.Sum(nil)); got != want {
		t.Errorf("signature %q, want %q", got, want)
	}
	var p WebhookPayload
	mustJSON(t, r.Body, &p)
	if p.Event != KindNew || p.Comment.ID != id || p.Comment.Author != "Ann <b>" || p.Comment.RemoteAddr != "203.0.113.0" ||
		p.Thread.URI != "/post/" || !strings.HasPrefix(p.Links.Activate, "https://comments.example/id/") {
		t.Errorf("payload %+v", p)
	}
	if r.Header.Get("X-Natter-Event") != "comment.new" || r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("headers %v", r.Header)
	}
}

// ServerChan's endpoints: SendKeys "sctp<uid>t…" have their own host;
// api-base replaces scheme and host and keeps its path as a prefix.
func TestServerChanURL(t *testing.T) {
	cases := []struct{ key, base, want string }{
		{"SCT1abc", "", "https://sctapi.ftqq.com/SCT1abc.send"},
		{"sctp123tXYZ", "", "https://123.push.ft07.com/send/sctp123tXYZ.send"},
		{"sctp123tXYZ", "http://127.0.0.1:8080/relay/", "http://127.0.0.1:8080/relay/send/sctp123tXYZ.send"},
		{"SCU99", "http://relay.example", "http://relay.example/SCU99.send"},
	}
	for _, c := range cases {
		if got, err := serverChanURL(c.key, c.base); err != nil || got != c.want {
			t.Errorf("serverChanURL(%q, %q) = %q, %v; want %q", c.key, c.base, got, err, c.want)
		}
	}
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, s)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// When a push cannot be delivered, neither the recorded answer nor the
// log names the token or key its URL carries.
func TestPush_FailuresDoNotLeakSecrets(t *testing.T) {
	dead := newReceiver(t, nil)
	dead.Close() // connection refused from now on
	h := newHarness(t, fmt.Sprintf(`[general]
host = https://blog.example
notify = telegram wecom wechat
[natter]
notify-give-up = 1
[telegram]
token = 42:TGSECRET
chat-id = 1
api-base = %[1]s
[wecom]
webhook = %[1]s/send?key=WECOMSECRET
[wechat]
sckey = SCTSECRET
api-base = %[1]s
`, dead.URL), Deps{})
	h.start()
	postText(h, "hello there")
	for _, d := range h.waitSettled(3) {
		if d.State != "failed" || !strings.Contains(d.Answer, "refused") {
			t.Errorf("%s: %s %q", d.Channel, d.State, d.Answer)
		}
		for _, s := range []string{"TGSECRET", "WECOMSECRET", "SCTSECRET"} {
			if strings.Contains(d.Answer, s) {
				t.Errorf("%s answer leaks %s: %q", d.Channel, s, d.Answer)
			}
		}
	}
	for _, s := range []string{"TGSECRET", "WECOMSECRET", "SCTSECRET"} {
		if strings.Contains(h.logs.String(), s) {
			t.Errorf("log leaks %s", s)
		}
	}
}
