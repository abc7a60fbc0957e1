// Package site assembles one configured site: its database, comment
// service and the helpers the presenters share. A site is a value, so one
// process can later serve several.
package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/natter/natter/internal/authorhash"
	"github.com/natter/natter/internal/buildhash"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/internal/notify"
	"github.com/natter/natter/internal/origin"
	"github.com/natter/natter/internal/signed"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/internal/titlefetch"
)

// Site is everything that serves one configuration.
type Site struct {
	Config   *config.Config
	DB       *store.Store
	DBPath   string
	Comments *comment.Service
	Origins  *origin.Matcher
	// Unlisted records the origins that asked for the widget without
	// being in [general] host (logged once each; the dashboard lists them).
	Unlisted *origin.Unlisted
	// Cache is the site's one byte-budgeted cache ([natter] cache-budget):
	// the comment service keeps snapshots and rendered Markdown in it, and
	// presenters add their encoded answers and fragments as further
	// spaces (cache.NewSpace), so all share one budget.
	Cache *cache.Cache
	// ReplayBudget is the bytes the replay memo (handlers/replay) may
	// hold, taken from the cache budget; none when sites share a cache.
	ReplayBudget int64
	// Notify delivers notifications; run Notify.Run while serving and
	// close the database only after it returned.
	Notify *notify.Notifier
}

// Options are the site's process-level collaborators.
type Options struct {
	Logger *slog.Logger
	// Now is the clock (tests inject one); nil means time.Now.
	Now func() time.Time
	// Titles discovers thread titles; nil means fetching the page.
	Titles comment.TitleFetcher
	// Cache is a cache shared with other sites (a view of it, under this
	// site's name); nil gives the site its own of [natter] cache-budget.
	Cache *cache.Cache
	// Build names the running binary, for stored answers; nil hashes it
	// on first use.
	Build *buildhash.Hasher
}

// Open opens the database and builds the services for cfg.
func Open(ctx context.Context, cfg *config.Config, opts Options) (*Site, error) {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	path, err := DatabasePath(cfg)
	if err != nil {
		return nil, err
	}
	origins, err := origin.New(cfg.General.Hosts)
	if err != nil {
		return nil, err
	}
	budget := cfg.Natter.CacheBudget
	if budget <= 0 { // a Config built in code rather than loaded
		budget = comment.DefaultCacheBudget
	}
	// Sites sharing a cache keep SQLite's default page caches, and
	// replay nothing: they answer for one budget together.
	c, pages, replay := opts.Cache, int64(0), int64(0)
	if c == nil {
		pages, replay = PageCacheShare(budget, path), ReplayShare(budget)
		c = cache.New(CacheShare(budget, path))
	}
	db, err := store.Open(ctx, store.Options{Path: path, Logger: log, LegacySessionKey: cfg.General.SessionKey, PageCache: pages})
	if err != nil {
		return nil, err
	}
	svc, n, err := newService(ctx, cfg, db, c, log, opts)
	if err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return &Site{Config: cfg, DB: db, DBPath: path, Comments: svc, Origins: origins, Unlisted: origin.NewUnlisted(), Cache: c, ReplayBudget: replay, Notify: n}, nil
}

// PageCacheShare is the part of a site's cache budget that SQLite's page
// caches take (none on PostgreSQL, database names the engine); Natter's
// own caches get the rest.
func PageCacheShare(budget int64, database string) int64 {
	if store.IsPostgres(database) {
		return 0
	}
	return budget / 4
}

// CacheShare is what is left of a site's budget for Natter's own cache
// (site.Cache) once SQLite and the replay memo have their shares.
func CacheShare(budget int64, database string) int64 {
	return budget - PageCacheShare(budget, database) - ReplayShare(budget)
}

// ReplayShare is the part of a site's cache budget that the replay memo
// takes: it holds only the answers read most, whose bodies it shares
// with the cache they came from (and counts once more).
func ReplayShare(budget int64) int64 { return budget / 16 }

// Close waits for the comment service's background writes, then closes
// the database.
func (s *Site) Close() error {
	s.Comments.Close()
	return s.DB.Close()
}

// newService builds the comment service and its notifier, which share
// the signer so that links in messages verify.
func newService(ctx context.Context, cfg *config.Config, db *store.Store, c *cache.Cache, log *slog.Logger, opts Options) (*comment.Service, *notify.Notifier, error) {
	renderer, err := NewRenderer(cfg.Markup)
	if err != nil {
		return nil, nil, err
	}
	hasher, err := authorhash.New(cfg.Hash.Salt, cfg.Hash.Algorithm)
	if err != nil {
		return nil, nil, fmt.Errorf("[hash] algorithm: %w", err)
	}
	key, err := db.Preference(ctx, store.PrefSessionKey)
	if err != nil {
		return nil, nil, fmt.Errorf("site: session key: %w", err)
	}
	signer := signed.New(key)
	n, err := notify.New(cfg, notify.Deps{Outbox: db.Outbox(), Signer: signer, Logger: log, Now: opts.Now})
	if err != nil {
		return nil, nil, err
	}
	seed, err := answerSeed(cfg, key, opts.Build)
	if err != nil {
		return nil, nil, err
	}
	deps := comment.Deps{
		Store: db.Comments(), Renderer: renderer, Hasher: hasher, Signer: signer,
		Titles: opts.Titles, Outbox: n.Recorder(), Events: n.Events(nil), Logger: log, Now: opts.Now, Cache: c,
		External: db.ExternalVersion, AnswerSeed: seed,
	}
	if deps.Titles == nil {
		deps.Titles = titlefetch.New(titlefetch.Options{})
	}
	return comment.New(deps, Policy(cfg)), n, nil
}

// answerSeed names what shapes every stored answer besides its thread:
// the build, the whole configuration and the signing key.
func answerSeed(cfg *config.Config, key string, build *buildhash.Hasher) (func() string, error) {
	settings := *cfg
	settings.File = "" // where the settings were read from changes no answer
	enc, err := json.Marshal(settings)
	if err != nil {
		return nil, fmt.Errorf("site: encode the configuration: %w", err)
	}
	sum := sha256.Sum256(append(append(enc, 0), key...))
	conf := hex.EncodeToString(sum[:])
	if build == nil {
		build = buildhash.New()
	}
	return func() string { return build.Sum() + " " + conf }, nil
}

// Policy extracts the rules the comment service applies.
func Policy(cfg *config.Config) comment.Policy {
	g := cfg.Guard
	return comment.Policy{
		MaxAge: cfg.General.MaxAge, Moderation: cfg.Moderation.Enabled,
		ApproveIfEmailApproved: cfg.Moderation.ApproveIfEmailPreviouslyApproved,
		PurgeAfter:             cfg.Moderation.PurgeAfter,
		Guard: comment.Guard{Enabled: g.Enabled, RateLimit: g.RateLimit, DirectReply: g.DirectReply,
			ReplyToSelf: g.ReplyToSelf, RequireAuthor: g.RequireAuthor, RequireEmail: g.RequireEmail},
		Gravatar: cfg.General.Gravatar, GravatarURL: cfg.General.GravatarURL,
		ReplyNotifications: cfg.General.ReplyNotifications, LatestEnabled: cfg.General.LatestEnabled,
		FeedEnabled: cfg.RSS.Base != "", WebsiteField: g.WebsiteField,
	}
}

// NewRenderer maps Isso's markup settings to the Markdown renderer: the
// misaka renderer passes raw HTML to the sanitiser, mistune escapes it;
// the legacy [markup] options list, when given, names the extensions.
func NewRenderer(m config.Markup) (*markup.Renderer, error) {
	o := markup.Options{AllowedElements: m.AllowedElements, AllowedAttributes: m.AllowedAttributes}
	switch {
	case len(m.Options) > 0:
		o.Extensions = m.Options
		o.Parameters = m.MistuneParameters
	case m.Renderer == "misaka":
		o.Extensions, o.Parameters, o.RawHTML = m.MisakaOptions, m.MisakaFlags, true
	default:
		o.Extensions, o.Parameters = m.MistunePlugins, m.MistuneParameters
	}
	r, err := markup.New(o)
	if err != nil {
		return nil, fmt.Errorf("[markup]: %w", err)
	}
	return r, nil
}

// DatabasePath picks [natter] database over Isso's [general] dbpath. The
// chosen value is a PostgreSQL URL when it starts with postgres:// or
// postgresql:// (store.IsPostgres), and a SQLite path otherwise.
func DatabasePath(cfg *config.Config) (string, error) {
	if dsn := cfg.Natter.Database; dsn != "" {
		return dsn, nil
	}
	return cfg.General.DBPath, nil
}

// RunNotify delivers notifications in the background until ctx ends or
// the returned stop is called; stop waits until the messages in flight
// are recorded, so call it before Close.
func (s *Site) RunNotify(ctx context.Context, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.Notify.Run(ctx); err != nil {
			log.Error("notifications stopped", slog.String("site", s.Config.General.Name), slog.String("error", err.Error()))
		}
	}()
	return func() {
		cancel()
		<-done
	}
}
