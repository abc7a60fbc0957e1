// Package site assembles one configured site: its database, comment
// service and the helpers the presenters share. A site is a value, so one
// process can later serve several.
package site

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/natter/natter/internal/authorhash"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/markup"
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
}

// Options are the site's process-level collaborators.
type Options struct {
	Logger *slog.Logger
	// Now is the clock (tests inject one); nil means time.Now.
	Now func() time.Time
	// Titles discovers thread titles; nil means fetching the page.
	Titles comment.TitleFetcher
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
	db, err := store.Open(ctx, store.Options{Path: path, Logger: log, LegacySessionKey: cfg.General.SessionKey})
	if err != nil {
		return nil, err
	}
	svc, err := newService(ctx, cfg, db, log, opts)
	if err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return &Site{Config: cfg, DB: db, DBPath: path, Comments: svc, Origins: origins}, nil
}

// Close closes the database.
func (s *Site) Close() error { return s.DB.Close() }

func newService(ctx context.Context, cfg *config.Config, db *store.Store, log *slog.Logger, opts Options) (*comment.Service, error) {
	renderer, err := NewRenderer(cfg.Markup)
	if err != nil {
		return nil, err
	}
	hasher, err := authorhash.New(cfg.Hash.Salt, cfg.Hash.Algorithm)
	if err != nil {
		return nil, fmt.Errorf("[hash] algorithm: %w", err)
	}
	key, err := db.Preference(ctx, store.PrefSessionKey)
	if err != nil {
		return nil, fmt.Errorf("site: session key: %w", err)
	}
	deps := comment.Deps{
		Store: db.Comments(), Renderer: renderer, Hasher: hasher, Signer: signed.New(key),
		Titles: opts.Titles, Events: newLogEvents(log), Logger: log, Now: opts.Now,
		External: db.ExternalVersion,
	}
	if deps.Titles == nil {
		deps.Titles = titlefetch.New(titlefetch.Options{})
	}
	return comment.New(deps, Policy(cfg)), nil
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

// DatabasePath picks [natter] database over Isso's [general] dbpath.
func DatabasePath(cfg *config.Config) (string, error) {
	dsn := cfg.Natter.Database
	if dsn == "" {
		return cfg.General.DBPath, nil
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "", errors.New("[natter] database: PostgreSQL is not supported by this version yet; use a SQLite path")
	}
	return dsn, nil
}
