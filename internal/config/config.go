package config

import "time"

// Config is one site's effective configuration. Every field always has a
// value: the defaults are Isso's, overlaid by the file, then the environment.
type Config struct {
	// File is the path the configuration was read from ("" for the
	// embedded default).
	File string

	General    General
	Admin      Admin
	Moderation Moderation
	Server     Server
	SMTP       SMTP
	Guard      Guard
	Markup     Markup
	Hash       Hash
	RSS        RSS
	WeChat     WeChat
	WeCom      WeCom
	Feishu     Feishu
	DingTalk   DingTalk
	Telegram   Telegram
	Webhook    Webhook
	Natter     Natter
}

// General is Isso's [general] section.
type General struct {
	Name               string
	DBPath             string // "~" expanded
	Hosts              []string
	MaxAge             time.Duration
	Notify             []string
	ReplyNotifications bool
	LogFile            string
	Gravatar           bool
	GravatarURL        string
	LatestEnabled      bool
	// SessionKey is the legacy [general] session-key (Isso's v1→v2 migration).
	SessionKey string
}

// Admin is Isso's [admin] section.
type Admin struct {
	Enabled  bool
	Password string // secret
}

// Moderation is Isso's [moderation] section.
type Moderation struct {
	Enabled                          bool
	ApproveIfEmailPreviouslyApproved bool
	PurgeAfter                       time.Duration
}

// Server is Isso's [server] section.
type Server struct {
	Listen         string // http://host:port or unix:///path
	PublicEndpoint string // trailing slash removed
	TrustedProxies []string
	SameSite       string
}

// SMTP is Isso's [smtp] section.
type SMTP struct {
	Username string
	Password string // secret
	Host     string
	Port     int
	Security string // none, starttls, ssl
	To       string
	From     string
	Timeout  time.Duration
}

// Guard is Isso's [guard] section.
type Guard struct {
	Enabled       bool
	RateLimit     int
	DirectReply   int
	ReplyToSelf   bool
	RequireAuthor bool
	RequireEmail  bool
	WebsiteField  bool
}

// Markup is Isso's [markup] section plus its renderer sub-sections.
type Markup struct {
	Renderer          string // mistune or misaka
	Options           []string
	AllowedElements   []string
	AllowedAttributes []string
	// MisakaOptions / MisakaFlags are [markup.misaka] options and flags.
	MisakaOptions []string
	MisakaFlags   []string
	// MistunePlugins / MistuneParameters are [markup.mistune] plugins and parameters.
	MistunePlugins    []string
	MistuneParameters []string
}

// Hash is Isso's [hash] section.
type Hash struct {
	Salt      string // secret
	Algorithm string
}

// RSS is Isso's [rss] section.
type RSS struct {
	Base  string
	Limit int
}

// WeChat is isso-cn's [wechat] section (ServerChan keys).
type WeChat struct {
	SCKey string // secret
	TCKey string // secret; isso-cn's code calls it takey
	// APIBase replaces scheme and host of ServerChan's endpoints (relays,
	// tests); empty means ServerChan's own.
	APIBase string
}

// Natter holds Natter's own settings, from the [natter] section.
type Natter struct {
	// Database is a DSN overriding [general] dbpath: a SQLite path, or a
	// postgres:// URL.
	Database        string
	LogLevel        string // debug, info, warn, error
	LogFormat       string // text or json
	BodyLimit       int    // bytes
	ShutdownTimeout time.Duration
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout bound
	// a request's headers, its body, its answer and a kept-alive
	// connection's wait for the next request; zero means no limit.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// MaxConnections caps the connections served at once;
	// MaxConnectionsPerIP caps one client address (0: no cap).
	MaxConnections      int
	MaxConnectionsPerIP int
	// Lang is the widget's language when neither the page nor the
	// reader's browser names a supported one (BCP 47, e.g. zh-CN).
	Lang string
	// IssoClient is a folder holding Isso's built client (embed.min.js,
	// count.min.js, ...); when set, Natter serves those files at Isso's
	// client paths instead of its own loader.
	IssoClient string
	// SitesDB is the registry of sites added at run time (natter site
	// add); "" means natter-sites.db beside the first configuration file.
	SitesDB string
	// SitesAdminPassword opens the hoster's panel at /admin/sites of a
	// multi-site server (plain, at least 12 characters, or a bcrypt or
	// argon2id hash); "" leaves the panel off.
	SitesAdminPassword string
	// MetricsFrom lists the client addresses or networks that may read
	// /metrics; "off" alone disables the endpoint.
	MetricsFrom []string
	// BackupDir, when set, receives a verified copy of the database every
	// BackupEvery; the newest BackupKeep are kept.
	BackupDir   string
	BackupEvery time.Duration
	BackupKeep  int
	// CacheBudget is the most memory, in bytes, the site's caches (thread
	// snapshots, rendered Markdown, Isso answers, widget fragments) hold
	// together.
	CacheBudget int64
	// NotifyGiveUp is how long a notification is retried before it is
	// marked failed.
	NotifyGiveUp time.Duration
	// NotifyTimeout bounds one delivery attempt to a push channel.
	NotifyTimeout time.Duration
}
