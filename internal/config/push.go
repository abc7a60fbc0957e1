package config

// WeCom is the 企业微信 group robot ([wecom]).
type WeCom struct {
	Webhook string // secret: the URL carries the robot's key
}

// Feishu is the Feishu/Lark custom bot ([feishu]).
type Feishu struct {
	Webhook string // secret
	Secret  string // secret; signs each message when set
}

// DingTalk is the DingTalk custom robot ([dingtalk]).
type DingTalk struct {
	Webhook string // secret: the URL carries the access token
	Secret  string // secret; signs each request when set
}

// Telegram is a Telegram bot ([telegram]).
type Telegram struct {
	Token   string // secret
	ChatID  string
	APIBase string
}

// Webhook is Natter's generic JSON webhook ([webhook]).
type Webhook struct {
	URL    string
	Secret string // secret; signs each body when set
}

// decodePush reads the push channels' sections.
func (l *loader) decodePush(c *Config) {
	c.WeCom = WeCom{Webhook: l.str("wecom", "webhook")}
	c.Feishu = Feishu{Webhook: l.str("feishu", "webhook"), Secret: l.str("feishu", "secret")}
	c.DingTalk = DingTalk{Webhook: l.str("dingtalk", "webhook"), Secret: l.str("dingtalk", "secret")}
	c.Telegram = Telegram{Token: l.str("telegram", "token"), ChatID: l.str("telegram", "chat-id"),
		APIBase: l.str("telegram", "api-base")}
	c.Webhook = Webhook{URL: l.str("webhook", "url"), Secret: l.str("webhook", "secret")}
}

// effectivePush lists the push channels' values, secrets masked.
func (c *Config) effectivePush() []option {
	return []option{
		{"wecom", "webhook", secret(c.WeCom.Webhook)},
		{"feishu", "webhook", secret(c.Feishu.Webhook)},
		{"feishu", "secret", secret(c.Feishu.Secret)},
		{"dingtalk", "webhook", secret(c.DingTalk.Webhook)},
		{"dingtalk", "secret", secret(c.DingTalk.Secret)},
		{"telegram", "token", secret(c.Telegram.Token)},
		{"telegram", "chat-id", c.Telegram.ChatID},
		{"telegram", "api-base", c.Telegram.APIBase},
		{"webhook", "url", c.Webhook.URL},
		{"webhook", "secret", secret(c.Webhook.Secret)},
	}
}
