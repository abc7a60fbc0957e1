package config

import (
	"testing"
	"time"
)

// TestLoad_Article loads the configuration of the isso-cn article verbatim.
func TestLoad_Article(t *testing.T) {
	c, w, err := Load("testdata/article.cfg", nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	// WeChat is delivered now: the article loads without a warning.
	if len(w) != 0 {
		t.Errorf("warnings: %v", w)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"name", c.General.Name, "blog"},
		{"dbpath", c.General.DBPath, "/path/to/isso/comments.blog.db"},
		{"hosts", c.General.Hosts, []string{"http://blog.example.com/", "https://blog.example.com/"}},
		{"max-age", c.General.MaxAge, 15 * time.Minute},
		{"notify", c.General.Notify, []string{"wechat"}},
		{"reply-notifications", c.General.ReplyNotifications, true},
		{"gravatar", c.General.Gravatar, true},
		{"gravatar-url", c.General.GravatarURL, "https://www.gravatar.com/avatar/{}?d=identicon"},
		{"moderation", c.Moderation.Enabled, false},
		{"purge-after", c.Moderation.PurgeAfter, 30 * 24 * time.Hour},
		{"smtp username", c.SMTP.Username, "noreply@example.com"},
		{"smtp password", c.SMTP.Password, "xxxxxx"},
		{"smtp host", c.SMTP.Host, "smtp.exmail.qq.com"},
		{"smtp port", c.SMTP.Port, 465},
		{"smtp security", c.SMTP.Security, "ssl"},
		{"smtp to", c.SMTP.To, "owner@example.com"},
		{"smtp from", c.SMTP.From, `"Example Comment" <noreply@example.com>`},
		{"smtp timeout", c.SMTP.Timeout, 10 * time.Second},
		{"markup options", c.Markup.Options, []string{"strikethrough", "autolink", "fenced_code", "no_intra_emphasis"}},
		{"allowed-elements", c.Markup.AllowedElements, []string{"img", "i", "b", "u"}},
		{"allowed-attributes", c.Markup.AllowedAttributes, []string{"src", "width", "height"}},
		{"tckey", c.WeChat.TCKey, "xxx"},
		{"sckey", c.WeChat.SCKey, "xxx"},
	}
	for _, ck := range checks {
		if !equal(ck.got, ck.want) {
			t.Errorf("%s = %#v, want %#v", ck.name, ck.got, ck.want)
		}
	}
}
