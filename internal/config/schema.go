package config

import "strings"

// option is one known key with its built-in default.
type option struct {
	section, key, def string
}

// builtinOptions are Isso's built-in defaults (§4.3 of isso-compat.md),
// isso-cn's [wechat] and Natter's [natter], in the order WriteEffective
// uses. Every known key is listed, so every option always has a value.
func builtinOptions() []option {
	return []option{
		{"general", "dbpath", "/tmp/comments.db"},
		{"general", "name", ""},
		{"general", "host", ""},
		{"general", "max-age", "15m"},
		{"general", "notify", "stdout"},
		{"general", "reply-notifications", "false"},
		{"general", "log-file", ""},
		{"general", "gravatar", "false"},
		{"general", "gravatar-url", "https://www.gravatar.com/avatar/{}?d=identicon&s=55"},
		{"general", "latest-enabled", "false"},
		{"admin", "enabled", "false"},
		{"admin", "password", "please_choose_a_strong_password"},
		{"moderation", "enabled", "false"},
		{"moderation", "approve-if-email-previously-approved", "false"},
		{"moderation", "purge-after", "30d"},
		{"server", "listen", "http://localhost:8080"},
		{"server", "public-endpoint", ""},
		{"server", "reload", "false"},
		{"server", "profile", "false"},
		{"server", "trusted-proxies", ""},
		{"server", "samesite", ""},
		{"smtp", "username", ""},
		{"smtp", "password", ""},
		{"smtp", "host", "localhost"},
		{"smtp", "port", "587"},
		{"smtp", "security", "starttls"},
		{"smtp", "to", ""},
		{"smtp", "from", ""},
		{"smtp", "timeout", "10"},
		{"guard", "enabled", "true"},
		{"guard", "ratelimit", "2"},
		{"guard", "direct-reply", "3"},
		{"guard", "reply-to-self", "false"},
		{"guard", "require-author", "false"},
		{"guard", "require-email", "false"},
		{"guard", "website-field", "true"},
		{"markup", "renderer", "mistune"},
		{"markup", "allowed-elements", ""},
		{"markup", "allowed-attributes", ""},
		{"markup.misaka", "options", "autolink, fenced-code, no-intra-emphasis, strikethrough, superscript"},
		{"markup.misaka", "flags", ""},
		{"markup.mistune", "plugins", "strikethrough, subscript, superscript"},
		{"markup.mistune", "parameters", "escape, hard_wrap"},
		{"hash", "salt", "Eech7co8Ohloopo9Ol6baimi"},
		{"hash", "algorithm", "pbkdf2"},
		{"rss", "base", ""},
		{"rss", "limit", "100"},
		{"wechat", "sckey", ""},
		{"wechat", "tckey", ""},
		{"wechat", "api-base", ""},
		{"wecom", "webhook", ""},
		{"feishu", "webhook", ""},
		{"feishu", "secret", ""},
		{"dingtalk", "webhook", ""},
		{"dingtalk", "secret", ""},
		{"telegram", "token", ""},
		{"telegram", "chat-id", ""},
		{"telegram", "api-base", "https://api.telegram.org"},
		{"webhook", "url", ""},
		{"webhook", "secret", ""},
		{"natter", "database", ""},
		{"natter", "log-level", "info"},
		{"natter", "log-format", "text"},
		{"natter", "body-limit", "262144"},
		{"natter", "shutdown-timeout", "10s"},
		{"natter", "read-header-timeout", "10s"},
		{"natter", "read-timeout", "30s"},
		{"natter", "write-timeout", "30s"},
		{"natter", "idle-timeout", "120s"},
		{"natter", "max-connections", "1024"},
		{"natter", "max-connections-per-ip", "0"},
		{"natter", "lang", "en"},
		{"natter", "isso-client", ""},
		{"natter", "sites-db", ""},
		{"natter", "sites-admin-password", ""},
		{"natter", "metrics-from", "127.0.0.0/8\n::1"},
		{"natter", "backup-dir", ""},
		{"natter", "backup-every", "1d"},
		{"natter", "backup-keep", "7"},
		{"natter", "cache-budget", "64MB"},
		{"natter", "notify-give-up", "24h"},
		{"natter", "notify-timeout", "10s"},
	}
}

// optionalOptions are accepted keys absent from Isso's defaults: the legacy
// session key (read by the v1→v2 database migration) and [markup] options,
// which Natter maps to Markdown extensions.
func optionalOptions() []option {
	return []option{{"general", "session-key", ""}, {"markup", "options", ""}}
}

// allOptions is builtinOptions followed by optionalOptions.
func allOptions() []option {
	return append(builtinOptions(), optionalOptions()...)
}

// isSecret reports whether a key holds a secret: it may then be read from
// a file ("<key>-file") and is masked by WriteEffective.
func isSecret(section, key string) bool {
	switch section + " " + key {
	case "admin password", "smtp password", "smtp username", "hash salt",
		"wechat sckey", "wechat tckey", "wecom webhook", "feishu webhook", "feishu secret",
		"dingtalk webhook", "dingtalk secret", "telegram token", "webhook secret",
		"natter sites-admin-password":
		return true
	}
	return false
}

// canonicalKey maps isso-cn's "takey" to "tckey": its code reads takey,
// its article writes tckey, and both mean the same ServerChan key.
func canonicalKey(section, key string) string {
	if section == "wechat" && key == "takey" {
		return "tckey"
	}
	return key
}

// envName is the override variable of a key: NATTER_<SECTION>_<KEY>,
// upper-cased, with "-" and "." turned into "_".
func envName(section, key string) string {
	r := strings.NewReplacer("-", "_", ".", "_")
	return "NATTER_" + strings.ToUpper(r.Replace(section)+"_"+r.Replace(key))
}

// unknownKeyHint is Isso's message for a key it does not know.
func unknownKeyHint(section, key string) string {
	switch section + " " + key {
	case "server host", "server port":
		return "no such option; use [server] listen = http://HOST:PORT"
	case "smtp ssl":
		return "no such option; use [smtp] security = none, starttls or ssl"
	case "markup flags":
		return "legacy Misaka setting, ignored; use [markup.misaka] flags"
	}
	return "no such option"
}
