package config

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// mask replaces a secret; an empty secret stays empty so that "not set"
// remains visible.
const mask = "********"

// WriteEffective prints every effective setting as an isso.cfg listing,
// grouped by section, that loads back to the same values. Secrets are
// masked, so the output is safe to paste into a bug report.
func (c *Config) WriteEffective(w io.Writer) error {
	file := c.File
	if file == "" {
		file = "(embedded default)"
	}
	ew := &errWriter{w: w}
	ew.printf("# Effective Natter configuration from %s; secrets masked.\n", file)
	last := ""
	for _, o := range c.effective() {
		if o.section != last {
			ew.printf("\n[%s]\n", o.section)
			last = o.section
		}
		ew.option(o.key, o.def)
	}
	return ew.err
}

// errWriter keeps the first write error so callers check it once.
type errWriter struct {
	w   io.Writer
	err error
}

// printf writes unless an earlier write failed.
func (ew *errWriter) printf(format string, args ...any) {
	if ew.err == nil {
		_, ew.err = fmt.Fprintf(ew.w, format, args...)
	}
}

// option writes "key = value"; multi-line values become indented
// continuation lines, as in the [general] host examples.
func (ew *errWriter) option(key, value string) {
	switch {
	case value == "":
		ew.printf("%s =\n", key)
	case strings.Contains(value, "\n"):
		ew.printf("%s =\n    %s\n", key, strings.ReplaceAll(value, "\n", "\n    "))
	default:
		ew.printf("%s = %s\n", key, value)
	}
}

// effective lists the typed values in builtinOptions order.
func (c *Config) effective() []option {
	opts := c.effectiveSite()
	opts = append(opts, c.effectiveMarkup()...)
	n := c.Natter
	opts = append(opts,
		option{"hash", "salt", secret(c.Hash.Salt)},
		option{"hash", "algorithm", c.Hash.Algorithm},
		option{"rss", "base", c.RSS.Base},
		option{"rss", "limit", strconv.Itoa(c.RSS.Limit)},
		option{"wechat", "sckey", secret(c.WeChat.SCKey)},
		option{"wechat", "tckey", secret(c.WeChat.TCKey)},
		option{"wechat", "api-base", c.WeChat.APIBase},
	)
	opts = append(opts, c.effectivePush()...)
	return append(opts,
		option{"natter", "database", maskDSN(n.Database)},
		option{"natter", "log-level", n.LogLevel},
		option{"natter", "log-format", n.LogFormat},
		option{"natter", "body-limit", strconv.Itoa(n.BodyLimit)},
		option{"natter", "shutdown-timeout", formatSeconds(n.ShutdownTimeout)},
		option{"natter", "read-header-timeout", formatSeconds(n.ReadHeaderTimeout)},
		option{"natter", "read-timeout", formatSeconds(n.ReadTimeout)},
		option{"natter", "write-timeout", formatSeconds(n.WriteTimeout)},
		option{"natter", "idle-timeout", formatSeconds(n.IdleTimeout)},
		option{"natter", "max-connections", strconv.Itoa(n.MaxConnections)},
		option{"natter", "max-connections-per-ip", strconv.Itoa(n.MaxConnectionsPerIP)},
		option{"natter", "lang", n.Lang},
		option{"natter", "isso-client", n.IssoClient},
		option{"natter", "sites-db", n.SitesDB},
		option{"natter", "sites-admin-password", secret(n.SitesAdminPassword)},
		option{"natter", "metrics-from", strings.Join(n.MetricsFrom, "\n")},
		option{"natter", "backup-dir", n.BackupDir},
		option{"natter", "backup-every", formatSeconds(n.BackupEvery)},
		option{"natter", "backup-keep", strconv.Itoa(n.BackupKeep)},
		option{"natter", "cache-budget", formatSize(n.CacheBudget)},
		option{"natter", "notify-give-up", formatSeconds(n.NotifyGiveUp)},
		option{"natter", "notify-timeout", formatSeconds(n.NotifyTimeout)},
	)
}

// effectiveSite lists [general] to [smtp].
func (c *Config) effectiveSite() []option {
	g, s, m := c.General, c.SMTP, c.Moderation
	opts := []option{
		{"general", "name", g.Name},
		{"general", "dbpath", maskDSN(g.DBPath)},
		{"general", "host", strings.Join(g.Hosts, "\n")},
		{"general", "max-age", formatSeconds(g.MaxAge)},
		{"general", "notify", strings.Join(g.Notify, ", ")},
		{"general", "reply-notifications", fmtBool(g.ReplyNotifications)},
		{"general", "log-file", g.LogFile},
		{"general", "gravatar", fmtBool(g.Gravatar)},
		{"general", "gravatar-url", g.GravatarURL},
		{"general", "latest-enabled", fmtBool(g.LatestEnabled)},
	}
	if g.SessionKey != "" {
		opts = append(opts, option{"general", "session-key", mask})
	}
	return append(opts,
		option{"admin", "enabled", fmtBool(c.Admin.Enabled)},
		option{"admin", "password", secret(c.Admin.Password)},
		option{"moderation", "enabled", fmtBool(m.Enabled)},
		option{"moderation", "approve-if-email-previously-approved", fmtBool(m.ApproveIfEmailPreviouslyApproved)},
		option{"moderation", "purge-after", formatSeconds(m.PurgeAfter)},
		option{"server", "listen", c.Server.Listen},
		option{"server", "public-endpoint", c.Server.PublicEndpoint},
		option{"server", "trusted-proxies", strings.Join(c.Server.TrustedProxies, "\n")},
		option{"server", "samesite", c.Server.SameSite},
		option{"smtp", "username", secret(s.Username)},
		option{"smtp", "password", secret(s.Password)},
		option{"smtp", "host", s.Host},
		option{"smtp", "port", strconv.Itoa(s.Port)},
		option{"smtp", "security", s.Security},
		option{"smtp", "to", s.To},
		option{"smtp", "from", s.From},
		option{"smtp", "timeout", formatSeconds(s.Timeout)},
	)
}

// effectiveMarkup lists [guard] and the markup sections.
func (c *Config) effectiveMarkup() []option {
	g, m := c.Guard, c.Markup
	return []option{
		{"guard", "enabled", fmtBool(g.Enabled)},
		{"guard", "ratelimit", strconv.Itoa(g.RateLimit)},
		{"guard", "direct-reply", strconv.Itoa(g.DirectReply)},
		{"guard", "reply-to-self", fmtBool(g.ReplyToSelf)},
		{"guard", "require-author", fmtBool(g.RequireAuthor)},
		{"guard", "require-email", fmtBool(g.RequireEmail)},
		{"guard", "website-field", fmtBool(g.WebsiteField)},
		{"markup", "renderer", m.Renderer},
		{"markup", "options", strings.Join(m.Options, ", ")},
		{"markup", "allowed-elements", strings.Join(m.AllowedElements, ", ")},
		{"markup", "allowed-attributes", strings.Join(m.AllowedAttributes, ", ")},
		{"markup.misaka", "options", strings.Join(m.MisakaOptions, ", ")},
		{"markup.misaka", "flags", strings.Join(m.MisakaFlags, ", ")},
		{"markup.mistune", "plugins", strings.Join(m.MistunePlugins, ", ")},
		{"markup.mistune", "parameters", strings.Join(m.MistuneParameters, ", ")},
	}
}

// fmtBool writes a boolean the way Isso's documentation does.
func fmtBool(b bool) string { return strconv.FormatBool(b) }

// secret masks a non-empty secret.
func secret(s string) string {
	if s == "" {
		return ""
	}
	return mask
}

// maskDSN masks the password of a database URL; a path is shown as is.
func maskDSN(dsn string) string {
	if !isURL(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return mask
	}
	if _, has := u.User.Password(); has {
		return strings.Replace(u.Redacted(), ":xxxxx@", ":"+mask+"@", 1)
	}
	return dsn
}
