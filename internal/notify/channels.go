package notify

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/natter/natter/internal/config"
)

// channelNames lists the configured channels, canonical and once each;
// smtp is added for reply mails even when notify does not list it, as Isso
// does.
func channelNames(cfg *config.Config) []string {
	var names []string
	for _, n := range cfg.General.Notify {
		if n = canonical(n); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if cfg.General.ReplyNotifications && !slices.Contains(names, SMTP) {
		names = append(names, SMTP)
	}
	return names
}

// channelDeps are what channels are built with.
type channelDeps struct {
	log    *slog.Logger
	client *http.Client
	tls    *tls.Config
	now    func() time.Time
}

// buildChannels builds every configured channel.
func buildChannels(cfg *config.Config, d channelDeps) (map[string]Channel, error) {
	out := map[string]Channel{}
	for _, name := range channelNames(cfg) {
		c, err := buildChannel(cfg, name, d)
		if err != nil {
			return nil, err
		}
		out[name] = c
	}
	return out, nil
}

func buildChannel(cfg *config.Config, name string, d channelDeps) (Channel, error) {
	p := poster{client: d.client}
	switch name {
	case Stdout:
		return stdoutChannel{log: d.log}, nil
	case SMTP:
		return smtpChannel{cfg: cfg.SMTP, helo: heloName(), tls: d.tls, now: d.now}, nil
	case WeChat:
		return wechatChannel{key: wechatKey(cfg.WeChat, d.log), apiBase: cfg.WeChat.APIBase, post: p}, nil
	case WeCom:
		return wecomChannel{webhook: cfg.WeCom.Webhook, post: p}, nil
	case Feishu:
		return feishuChannel{webhook: cfg.Feishu.Webhook, secret: cfg.Feishu.Secret, post: p, now: d.now}, nil
	case DingTalk:
		return dingtalkChannel{webhook: cfg.DingTalk.Webhook, secret: cfg.DingTalk.Secret, post: p, now: d.now}, nil
	case Telegram:
		t := cfg.Telegram
		return telegramChannel{token: t.Token, chatID: t.ChatID, apiBase: t.APIBase, post: p}, nil
	case Webhook:
		return webhookChannel{url: cfg.Webhook.URL, secret: cfg.Webhook.Secret, post: p}, nil
	}
	return nil, fmt.Errorf("notify: unknown channel %q", name)
}

// heloName is the host name to greet mail servers with; some refuse
// "localhost", which net/smtp would say.
func heloName() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "localhost"
}

// wechatKey is isso-cn's sckey, else its TalkAdmin key (takey/tckey): the
// TalkAdmin service is gone, so that key is used as a ServerChan key and
// every push carries approve and delete links instead of buttons.
func wechatKey(w config.WeChat, log *slog.Logger) string {
	if w.SCKey != "" {
		return w.SCKey
	}
	log.Warn("notify: [wechat] tckey/takey was a TalkAdmin key; TalkAdmin no longer exists, so it is used as a " +
		"ServerChan SendKey and pushes carry approve and delete links; set [wechat] sckey instead")
	return w.TCKey
}
