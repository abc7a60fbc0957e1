// Package app is Natter's composition root: it opens a configured site
// and builds the HTTP application that serves it. The command line and
// the tests build Natter through it, so both run the same wiring.
package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers"
	"github.com/natter/natter/internal/backups"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/static"
)

// Build identifies the running binary.
type Build = handlers.Build

// Options are the process-level collaborators of one site.
type Options struct {
	Site site.Options
	// Failures records warnings and errors for the admin dashboard; the
	// site's logger should already write through it.
	Failures *faillog.Log
	Build    Build
	// CheckAfter is how long after Start the database's integrity check
	// runs; 0 means DefaultCheckAfter.
	CheckAfter time.Duration
}

// DefaultCheckAfter keeps the integrity check, about a second of CPU and
// disk at a million comments, away from the start and its first requests.
const DefaultCheckAfter = 5 * time.Second

// App is one site and the HTTP application serving it.
type App struct {
	Site *site.Site
	HTTP *fiber.App

	assets     *static.Assets
	checkAfter time.Duration
}

// New opens cfg's site and builds its HTTP application. Close releases
// the site once the server has stopped.
func New(ctx context.Context, cfg *config.Config, o Options) (*App, error) {
	st, err := site.Open(ctx, cfg, o.Site)
	if err != nil {
		return nil, err
	}
	assets, err := static.New()
	if err != nil {
		return nil, errors.Join(err, st.Close())
	}
	log := o.Site.Logger
	if log == nil {
		log = slog.Default()
	}
	h, err := handlers.New(handlers.Deps{Site: st, Assets: assets, Logger: log, Failures: o.Failures, Build: o.Build})
	if err != nil {
		return nil, errors.Join(err, st.Close())
	}
	checkAfter := o.CheckAfter
	if checkAfter <= 0 {
		checkAfter = DefaultCheckAfter
	}
	return &App{Site: st, HTTP: h, assets: assets, checkAfter: checkAfter}, nil
}

// Close closes the site's database.
func (a *App) Close() error { return a.Site.Close() }

// Start runs the site's background work until ctx ends or the returned
// stop is called: the purge of old pending comments, periodic backups
// ([natter] backup-dir) and the delivery of notifications, and once the
// work a start leaves for later: the database's integrity check and the
// compression of the static files. stop waits until deliveries in flight
// are recorded, so call it before Close.
func (a *App) Start(ctx context.Context, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	checked := make(chan struct{})
	go func() {
		defer close(checked)
		a.check(ctx)
	}()
	go a.assets.Prepare()
	go a.Site.Comments.RunPurge(ctx)
	if n := a.Site.Config.Natter; n.BackupDir != "" {
		s := backups.Schedule{Dir: n.BackupDir, Every: n.BackupEvery, Keep: n.BackupKeep, Name: backups.Name(a.Site.Config.General.Name)}
		if s.Every <= 0 {
			s.Every = 24 * time.Hour
		}
		copyTo := func(ctx context.Context, out string) error { return store.Backup(ctx, a.Site.DBPath, out) }
		go backups.Run(ctx, s, copyTo, time.Now, log)
	}
	stopNotify := a.Site.RunNotify(ctx, log)
	return func() {
		cancel()
		stopNotify()
		<-checked
	}
}

// check runs the database's integrity check once checkAfter has passed,
// unless ctx ends first.
func (a *App) check(ctx context.Context) {
	t := time.NewTimer(a.checkAfter)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
		a.Site.DB.QuickCheck(ctx)
	}
}
