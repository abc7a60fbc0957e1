package notify

// Channel names as [general] notify spells them (smtp also as SMTP).
const (
	Stdout   = "stdout"
	SMTP     = "smtp"
	WeChat   = "wechat"
	WeCom    = "wecom"
	Feishu   = "feishu"
	DingTalk = "dingtalk"
	Telegram = "telegram"
	Webhook  = "webhook"
)

// wants reports whether channel is sent messages of kind k: Isso's
// stdout log and the webhook see every change; the owner's mail and the
// chat pushes announce new comments (the ones to approve); reply mails go
// through smtp only. Test messages go wherever they are asked to.
func wants(channel string, k Kind) bool {
	switch channel {
	case Stdout, Webhook:
		return k != KindReply
	case SMTP:
		return k == KindNew || k == KindReply || k == KindTest
	default:
		return k == KindNew || k == KindTest
	}
}

// canonical maps Isso's "SMTP" spelling to "smtp".
func canonical(name string) string {
	if name == "SMTP" {
		return SMTP
	}
	return name
}
