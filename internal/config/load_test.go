package config

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLoad_Defaults(t *testing.T) {
	c, w := mustLoad(t, minimal)
	if len(w) != 0 {
		t.Errorf("warnings %v", w)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"dbpath", c.General.DBPath, "/tmp/comments.db"},
		{"max-age", c.General.MaxAge, 15 * time.Minute},
		{"notify", c.General.Notify, []string{"stdout"}},
		{"gravatar-url", c.General.GravatarURL, "https://www.gravatar.com/avatar/{}?d=identicon&s=55"},
		{"admin password", c.Admin.Password, "please_choose_a_strong_password"},
		{"purge-after", c.Moderation.PurgeAfter, 30 * 24 * time.Hour},
		{"listen", c.Server.Listen, "http://localhost:8080"},
		{"smtp port", c.SMTP.Port, 587},
		{"smtp security", c.SMTP.Security, "starttls"},
		{"smtp timeout", c.SMTP.Timeout, 10 * time.Second},
		{"guard", c.Guard, Guard{Enabled: true, RateLimit: 2, DirectReply: 3, WebsiteField: true}},
		{"renderer", c.Markup.Renderer, "mistune"},
		{"misaka options", c.Markup.MisakaOptions, []string{"autolink", "fenced-code", "no-intra-emphasis", "strikethrough", "superscript"}},
		{"mistune plugins", c.Markup.MistunePlugins, []string{"strikethrough", "subscript", "superscript"}},
		{"mistune parameters", c.Markup.MistuneParameters, []string{"escape", "hard_wrap"}},
		{"hash", c.Hash, Hash{Salt: "Eech7co8Ohloopo9Ol6baimi", Algorithm: "pbkdf2"}},
		{"rss limit", c.RSS.Limit, 100},
		{"natter", c.Natter, Natter{LogLevel: "info", LogFormat: "text", BodyLimit: 262144, ShutdownTimeout: 10 * time.Second,
			ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
			IdleTimeout: 120 * time.Second, MaxConnections: 1024, Lang: "en", CacheBudget: 64 << 20,
			NotifyGiveUp: 24 * time.Hour, NotifyTimeout: 10 * time.Second,
			MetricsFrom: []string{"127.0.0.0/8", "::1"}, BackupEvery: 24 * time.Hour, BackupKeep: 7}},
	}
	for _, ck := range checks {
		if !equal(ck.got, ck.want) {
			t.Errorf("%s = %#v, want %#v", ck.name, ck.got, ck.want)
		}
	}
}

// equal compares values, treating string slices element-wise.
func equal(a, b any) bool {
	as, aok := a.([]string)
	bs, bok := b.([]string)
	if aok && bok {
		return slices.Equal(as, bs)
	}
	return reflect.DeepEqual(a, b)
}

func TestLoad_UnknownKeys(t *testing.T) {
	_, w := mustLoad(t, minimal+`session-key = legacy
[server]
host = localhost
port = 8080
[smtp]
ssl = true
[markup]
options = tables
flags = hard-wrap
[nosuch]
key = 1
`)
	tests := []struct{ section, key, msg string }{
		{"server", "host", "use [server] listen"},
		{"server", "port", "use [server] listen"},
		{"smtp", "ssl", "use [smtp] security"},
		{"markup", "flags", "[markup.misaka] flags"},
		{"nosuch", "key", "no such option"},
	}
	for _, tc := range tests {
		if !hasWarning(w, tc.section, tc.key, tc.msg) {
			t.Errorf("no warning [%s] %s %q in %v", tc.section, tc.key, tc.msg, w)
		}
	}
	if len(w) != len(tests) {
		t.Errorf("got %d warnings, want %d: %v", len(w), len(tests), w)
	}
	if got := w[0].String(); !strings.Contains(got, "isso.cfg:5: [server] host: ") {
		t.Errorf("String() = %q", got)
	}
}

func TestLoad_LegacyKeysKept(t *testing.T) {
	c, _ := mustLoad(t, minimal+"session-key = abc\n[markup]\noptions = tables, footnotes\n")
	if c.General.SessionKey != "abc" || !slices.Equal(c.Markup.Options, []string{"tables", "footnotes"}) {
		t.Errorf("SessionKey %q Options %q", c.General.SessionKey, c.Markup.Options)
	}
}

func TestLoad_Normalisation(t *testing.T) {
	c, w := mustLoad(t, minimal+"[server]\npublic-endpoint = https://c.example/isso/\nsamesite = lax\n[smtp]\nfrom = noreply@example.com\n")
	if c.Server.PublicEndpoint != "https://c.example/isso" || !hasWarning(w, "server", "public-endpoint", "trailing slash") {
		t.Errorf("PublicEndpoint %q warnings %v", c.Server.PublicEndpoint, w)
	}
	if c.Server.SameSite != "Lax" {
		t.Errorf("SameSite %q", c.Server.SameSite)
	}
	if c.SMTP.From != "noreply@example.com" {
		t.Errorf("From rewritten: %q", c.SMTP.From)
	}
}

func TestLoad_EmptyHostIsError(t *testing.T) {
	_, _, err := loadText(t, "[general]\nname = x\n")
	probs := problems(t, err)
	if len(probs) != 1 || probs[0].Key != "host" || probs[0].Line != 0 {
		t.Errorf("problems %v", probs)
	}
}

func TestLoad_ReportsAllErrors(t *testing.T) {
	_, _, err := loadText(t, `[general]
host =
    http://example.org
    ftp://bad
max-age = forever
[admin]
enabled = perhaps
[smtp]
port = x
[smtp]
[natter]
log-level = loud
`)
	want := []string{
		"isso.cfg:10: [smtp]: duplicate section (first at line 8)",
		"isso.cfg:5: [general] max-age: invalid integer or duration",
		"isso.cfg:7: [admin] enabled: invalid boolean",
		"isso.cfg:9: [smtp] port: invalid integer",
		"isso.cfg:12: [natter] log-level: invalid value",
		"isso.cfg:2: [general] host: site URL \"ftp://bad\"",
	}
	msg := err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error lacks %q:\n%s", w, msg)
		}
	}
	if n := len(strings.Split(msg, "\n")); n != len(want) {
		t.Errorf("got %d lines, want %d:\n%s", n, len(want), msg)
	}
}

func TestLoad_MissingFile(t *testing.T) {
	if _, _, err := Load(t.TempDir()+"/none.cfg", nil); err == nil || !strings.Contains(err.Error(), "none.cfg") {
		t.Errorf("err = %v", err)
	}
}

func TestLoad_ModerationWithoutAWayToApproveWarns(t *testing.T) {
	tests := []struct {
		name, text string
		warn       bool
	}{
		{"moderation, no admin", minimal + "[moderation]\nenabled = true\n", true},
		{"moderation and admin", minimal + "[moderation]\nenabled = true\n[admin]\nenabled = true\npassword = a-long-random-secret\n", false},
		{"no moderation", minimal, false},
		{"moderation and a channel", minimal + "notify = stdout webhook\n[webhook]\nurl = https://hooks.example/n\n" +
			"[moderation]\nenabled = true\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, w := mustLoad(t, tt.text)
			if got := hasWarning(w, "moderation", "enabled", "enable [admin] or add a channel"); got != tt.warn {
				t.Errorf("warned = %v, want %v: %v", got, tt.warn, w)
			}
		})
	}
}

func TestLoad_InlineCommentWarns(t *testing.T) {
	tests := []struct {
		name, text   string
		section, key string // "" = no warning expected
	}{
		{"semicolon after a password", minimal + "[admin]\npassword = s3cret   ; the admin password\n", "admin", "password"},
		{"hash on a host line", "[general]\nhost =\n    http://a.example/ # main\n", "general", "host"},
		{"fragment in a URL is no comment", "[general]\nhost = http://a.example/#x\n", "", ""},
		{"semicolon inside a word", minimal + "[admin]\npassword = a;b#c\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, w := mustLoad(t, tt.text)
			warned := false
			for _, x := range w {
				warned = warned || strings.Contains(x.Message, "comment after a value is part of it")
			}
			if warned != (tt.key != "") || tt.key != "" && !hasWarning(w, tt.section, tt.key, "part of it") {
				t.Errorf("warnings %v", w)
			}
			if tt.key == "password" && cfg.Admin.Password != "s3cret   ; the admin password" {
				t.Errorf("password = %q: the value must stay as Isso reads it", cfg.Admin.Password)
			}
		})
	}
}

func TestEmbedded(t *testing.T) {
	c, w, err := Embedded(nil)
	if err != nil || len(w) != 0 {
		t.Fatalf("Embedded: %v, %v", err, w)
	}
	if c.File != "" || c.Server.Listen != "http://127.0.0.1:8080" || c.General.DBPath != "./natter.db" ||
		c.Moderation.Enabled || !slices.Equal(c.General.Hosts, []string{"http://localhost:*", "http://127.0.0.1:*"}) {
		t.Errorf("Embedded = %+v", c)
	}
	c, _, err = Embedded([]string{"NATTER_SERVER_LISTEN=http://0.0.0.0:9000"})
	if err != nil || c.Server.Listen != "http://0.0.0.0:9000" {
		t.Errorf("env override: %v, %v", c, err)
	}
}
