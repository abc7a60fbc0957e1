package config

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// channels lists the notification channel names [general] notify accepts
// (Isso's stdout and smtp/SMTP, isso-cn's wechat, and Natter's own).
var channels = []string{"stdout", "smtp", "SMTP", "wechat", "wecom", "feishu", "dingtalk", "telegram", "webhook"}

// splitChannels splits [general] notify on commas and white space (Isso
// separates with commas; lists written with spaces must not become one
// unknown name).
func splitChannels(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}

// checkNotify rejects unknown channels and channels missing what they
// need, at the notify line: a notification that silently never arrives
// is worse than a server that does not start.
func (l *loader) checkNotify(c *Config) {
	s := l.get("general", "notify")
	for _, n := range c.General.Notify {
		if err := channelReady(c, n); err != nil {
			l.fail(s.origin, "general", "notify", "%v", err)
		}
	}
	smtpUsed := has(c.General.Notify, "smtp", "SMTP")
	if smtpUsed && c.SMTP.To == "" {
		l.warn(l.get("smtp", "to").origin, "smtp", "to", "empty: the owner's mail for new comments is not sent")
	}
	if (smtpUsed || c.General.ReplyNotifications) && c.SMTP.From == "" && !strings.Contains(c.SMTP.Username, "@") {
		l.warn(l.get("smtp", "from").origin, "smtp", "from", "empty, and [smtp] username is no address: mails cannot be sent")
	}
	for _, k := range [][2]string{{"wechat", "api-base"}, {"telegram", "api-base"}, {"webhook", "url"}} {
		l.check(k[0], k[1], checkHTTPURL(l.get(k[0], k[1]).text))
	}
	if c.Natter.NotifyGiveUp <= 0 {
		l.check("natter", "notify-give-up", errors.New("must be a positive duration"))
	}
	if c.Natter.NotifyTimeout <= 0 {
		l.check("natter", "notify-timeout", errors.New("must be a positive duration"))
	}
	if c.Moderation.Enabled && !c.Admin.Enabled && !hasRemote(c.General.Notify) {
		s := l.get("moderation", "enabled")
		l.warn(s.origin, "moderation", "enabled", "new comments wait for approval, but neither the admin panel nor "+
			"a notification channel (smtp, wechat, ...) offers them: enable [admin] or add a channel to [general] notify")
	}
}

// channelReady checks that a channel is known and configured.
func channelReady(c *Config, name string) error {
	missing := func(what string) error { return fmt.Errorf("channel %q needs %s", name, what) }
	switch name {
	case "stdout", "smtp", "SMTP":
		return nil
	case "wechat":
		if c.WeChat.SCKey == "" && c.WeChat.TCKey == "" {
			return missing("[wechat] sckey")
		}
	case "wecom":
		return required(c.WeCom.Webhook, missing("[wecom] webhook"))
	case "feishu":
		return required(c.Feishu.Webhook, missing("[feishu] webhook"))
	case "dingtalk":
		return required(c.DingTalk.Webhook, missing("[dingtalk] webhook"))
	case "telegram":
		if c.Telegram.Token == "" || c.Telegram.ChatID == "" {
			return missing("[telegram] token and chat-id")
		}
	case "webhook":
		return required(c.Webhook.URL, missing("[webhook] url"))
	default:
		return fmt.Errorf("unknown notification channel %q (known: %s)", name, strings.Join(channels, ", "))
	}
	return nil
}

func required(v string, err error) error {
	if v == "" {
		return err
	}
	return nil
}

func has(list []string, names ...string) bool {
	return slices.ContainsFunc(list, func(n string) bool { return slices.Contains(names, n) })
}

// hasRemote reports a channel that reaches the owner with moderation links.
func hasRemote(list []string) bool {
	for _, n := range list {
		if n != "stdout" {
			return true
		}
	}
	return false
}

// checkHTTPURL accepts an empty value or an absolute http(s) URL.
func checkHTTPURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid URL %q (want http(s)://HOST/...)", s)
	}
	return nil
}
