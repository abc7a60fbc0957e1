package config

import (
	"slices"
	"time"
)

// str returns a key's value as written.
func (l *loader) str(section, key string) string { return l.get(section, key).text }

// boolean reads a configparser boolean.
func (l *loader) boolean(section, key string) bool {
	s := l.get(section, key)
	b, err := parseBool(s.text)
	if err != nil {
		l.fail(s.origin, section, key, "%v", err)
	}
	return b
}

// integer reads an integer with Isso's duration-first rule.
func (l *loader) integer(section, key string) int {
	s := l.get(section, key)
	n, err := parseIssoInt(s.text)
	if err != nil {
		l.fail(s.origin, section, key, "%v", err)
	}
	return int(n)
}

// seconds reads a duration option.
func (l *loader) seconds(section, key string) time.Duration {
	s := l.get(section, key)
	d, err := parseSeconds(s.text)
	if err != nil {
		l.fail(s.origin, section, key, "%v", err)
	}
	return d
}

// list reads a comma list.
func (l *loader) list(section, key string) []string { return splitList(l.str(section, key)) }

// lines reads a line list.
func (l *loader) lines(section, key string) []string { return splitLines(l.str(section, key)) }

// oneOf reads a value that must be one of allowed (compared exactly).
func (l *loader) oneOf(section, key string, allowed ...string) string {
	s := l.get(section, key)
	if !slices.Contains(allowed, s.text) {
		l.fail(s.origin, section, key, "invalid value %q (want one of %q)", s.text, allowed)
	}
	return s.text
}

// decode builds the typed configuration from the effective values.
func (l *loader) decode() *Config {
	c := &Config{File: l.file}
	l.decodeGeneral(&c.General)
	c.Admin = Admin{Enabled: l.boolean("admin", "enabled"), Password: l.str("admin", "password")}
	c.Moderation = Moderation{
		Enabled:                          l.boolean("moderation", "enabled"),
		ApproveIfEmailPreviouslyApproved: l.boolean("moderation", "approve-if-email-previously-approved"),
		PurgeAfter:                       l.seconds("moderation", "purge-after"),
	}
	l.decodeServer(&c.Server)
	l.decodeSMTP(&c.SMTP)
	l.decodeGuard(&c.Guard)
	l.decodeMarkup(&c.Markup)
	c.Hash = Hash{Salt: l.str("hash", "salt"), Algorithm: l.str("hash", "algorithm")}
	c.RSS = RSS{Base: l.str("rss", "base"), Limit: l.integer("rss", "limit")}
	c.WeChat = WeChat{SCKey: l.str("wechat", "sckey"), TCKey: l.str("wechat", "tckey"), APIBase: l.str("wechat", "api-base")}
	l.decodePush(c)
	l.decodeNatter(&c.Natter)
	return c
}

// decodeGeneral reads [general].
func (l *loader) decodeGeneral(g *General) {
	*g = General{
		Name:               l.str("general", "name"),
		DBPath:             expandHome(l.str("general", "dbpath"), l.env),
		Hosts:              l.lines("general", "host"),
		MaxAge:             l.seconds("general", "max-age"),
		Notify:             splitChannels(l.str("general", "notify")),
		ReplyNotifications: l.boolean("general", "reply-notifications"),
		LogFile:            l.str("general", "log-file"),
		Gravatar:           l.boolean("general", "gravatar"),
		GravatarURL:        l.str("general", "gravatar-url"),
		LatestEnabled:      l.boolean("general", "latest-enabled"),
		SessionKey:         l.str("general", "session-key"),
	}
}

// decodeServer reads [server]; reload and profile are Isso development
// switches without meaning for Natter but still must be valid booleans.
func (l *loader) decodeServer(s *Server) {
	l.boolean("server", "reload")
	l.boolean("server", "profile")
	*s = Server{
		Listen:         l.str("server", "listen"),
		PublicEndpoint: l.str("server", "public-endpoint"),
		TrustedProxies: l.lines("server", "trusted-proxies"),
		SameSite:       l.str("server", "samesite"),
	}
}

// decodeSMTP reads [smtp]. A From without display name is kept as given:
// Isso rewrites it to "Ich schrei sonst! <ADDRESS>", which is a joke
// nobody relies on and would only confuse recipients.
func (l *loader) decodeSMTP(s *SMTP) {
	*s = SMTP{
		Username: l.str("smtp", "username"),
		Password: l.str("smtp", "password"),
		Host:     l.str("smtp", "host"),
		Port:     l.integer("smtp", "port"),
		Security: l.oneOf("smtp", "security", "none", "starttls", "ssl"),
		To:       l.str("smtp", "to"),
		From:     l.str("smtp", "from"),
		Timeout:  l.seconds("smtp", "timeout"),
	}
}

// decodeGuard reads [guard].
func (l *loader) decodeGuard(g *Guard) {
	*g = Guard{
		Enabled:       l.boolean("guard", "enabled"),
		RateLimit:     l.integer("guard", "ratelimit"),
		DirectReply:   l.integer("guard", "direct-reply"),
		ReplyToSelf:   l.boolean("guard", "reply-to-self"),
		RequireAuthor: l.boolean("guard", "require-author"),
		RequireEmail:  l.boolean("guard", "require-email"),
		WebsiteField:  l.boolean("guard", "website-field"),
	}
}

// decodeMarkup reads [markup] and its renderer sub-sections.
func (l *loader) decodeMarkup(m *Markup) {
	*m = Markup{
		Renderer:          l.oneOf("markup", "renderer", "mistune", "misaka"),
		Options:           l.list("markup", "options"),
		AllowedElements:   l.list("markup", "allowed-elements"),
		AllowedAttributes: l.list("markup", "allowed-attributes"),
		MisakaOptions:     l.list("markup.misaka", "options"),
		MisakaFlags:       l.list("markup.misaka", "flags"),
		MistunePlugins:    l.list("markup.mistune", "plugins"),
		MistuneParameters: l.list("markup.mistune", "parameters"),
	}
}

// decodeNatter reads [natter].
func (l *loader) decodeNatter(n *Natter) {
	*n = Natter{
		Database:            l.str("natter", "database"),
		LogLevel:            l.oneOf("natter", "log-level", "debug", "info", "warn", "error"),
		LogFormat:           l.oneOf("natter", "log-format", "text", "json"),
		BodyLimit:           l.integer("natter", "body-limit"),
		ShutdownTimeout:     l.seconds("natter", "shutdown-timeout"),
		ReadHeaderTimeout:   l.seconds("natter", "read-header-timeout"),
		ReadTimeout:         l.seconds("natter", "read-timeout"),
		WriteTimeout:        l.seconds("natter", "write-timeout"),
		IdleTimeout:         l.seconds("natter", "idle-timeout"),
		MaxConnections:      l.integer("natter", "max-connections"),
		MaxConnectionsPerIP: l.integer("natter", "max-connections-per-ip"),
		Lang:                l.str("natter", "lang"),
		IssoClient:          expandHome(l.str("natter", "isso-client"), l.env),
		SitesDB:             expandHome(l.str("natter", "sites-db"), l.env),
		SitesAdminPassword:  l.str("natter", "sites-admin-password"),
		MetricsFrom:         l.lines("natter", "metrics-from"),
		BackupDir:           expandHome(l.str("natter", "backup-dir"), l.env),
		BackupEvery:         l.seconds("natter", "backup-every"),
		BackupKeep:          l.integer("natter", "backup-keep"),
		CacheBudget:         l.size("natter", "cache-budget"),
		NotifyGiveUp:        l.seconds("natter", "notify-give-up"),
		NotifyTimeout:       l.seconds("natter", "notify-timeout"),
	}
	if n.Database != "" && !isURL(n.Database) {
		n.Database = expandHome(n.Database, l.env)
	}
}
