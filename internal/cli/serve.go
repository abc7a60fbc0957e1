package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/gofiber/fiber/v2"
	"github.com/natter/natter/internal/app"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/server"
	"github.com/natter/natter/internal/site"
)

// runServe starts the server and blocks until SIGINT or SIGTERM.
func runServe(e *environment, args []string) error {
	fs, file := newFlags(e, e.command, "Start the comment server")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	l, err := loadConfig(e, *file)
	if err != nil {
		return err
	}
	if len(l.configs) == 0 {
		return fmt.Errorf("%s: no site configuration found", l.source)
	}
	// The process's log, listen address and shutdown come from the first
	// configuration (the only one, or the first site of a multi-site setup).
	first := l.configs[0]
	log, closeLog, err := newLogger(first, e.stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	// Recorded from the first line on, so configuration warnings reach
	// the admin dashboard too.
	failures := faillog.New(20)
	log = slog.New(failures.Wrap(log.Handler()))
	l.logWarnings(log)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	opts := app.Options{Site: site.Options{Logger: log}, Failures: failures,
		Build: app.Build{Version: e.build.Version, Commit: e.build.commit()}}
	if l.multi {
		s, err := app.NewSites(ctx, l.configs, opts)
		if err != nil {
			return err
		}
		return serve(ctx, first, l.source, log, s.HTTP, s.Apps, s.Close)
	}
	a, err := app.New(ctx, first, opts)
	if err != nil {
		return err
	}
	return serve(ctx, first, l.source, log, a.HTTP, []*app.App{a}, a.Close)
}

// serve listens on first's address until ctx ends; closeAll runs last,
// after in-flight requests finished, so no write is cut off.
func serve(ctx context.Context, first *config.Config, source string, log *slog.Logger, h *fiber.App, apps []*app.App, closeAll func() error) error {
	defer func() {
		if err := closeAll(); err != nil {
			log.Error("close database", slog.String("error", err.Error()))
		}
	}()
	ln, url, err := server.Listen(first.Server.Listen)
	if err != nil {
		return err
	}
	for _, a := range apps {
		go a.Site.Comments.RunPurge(ctx)
		stopNotify := runNotify(ctx, a.Site, log)
		defer stopNotify() // before the databases close: deliveries in flight are recorded
		attrs := []any{slog.String("database", a.Site.DBPath)}
		if url != "" {
			attrs = append(attrs, slog.String("demo", url+mount(a, len(apps) > 1)+"/demo"))
		}
		log.Info("site", attrs...)
	}
	log.Info("natter started", slog.String("config", source), slog.String("listen", first.Server.Listen))
	n := first.Natter
	err = server.Serve(ctx, h, ln, server.Options{
		ReadHeaderTimeout: n.ReadHeaderTimeout, ReadTimeout: n.ReadTimeout, WriteTimeout: n.WriteTimeout,
		IdleTimeout: n.IdleTimeout, MaxConns: n.MaxConnections, MaxConnsPerIP: n.MaxConnectionsPerIP,
		ShutdownTimeout: n.ShutdownTimeout,
	})
	log.Info("natter stopped")
	return err
}

// mount is the path a site is served under ("" for a single site).
func mount(a *app.App, multi bool) string {
	if !multi {
		return ""
	}
	return "/" + a.Site.Config.General.Name
}

// runNotify delivers notifications in the background; the returned
// function stops delivery and waits until the messages in flight are
// recorded.
func runNotify(ctx context.Context, st *site.Site, log *slog.Logger) func() {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := st.Notify.Run(ctx); err != nil {
			log.Error("notifications stopped", slog.String("error", err.Error()))
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// newLogger builds the process logger from [natter] log-level/log-format
// and Isso's [general] log-file.
func newLogger(cfg *config.Config, stderr io.Writer) (*slog.Logger, func(), error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Natter.LogLevel)); err != nil {
		return nil, nil, fmt.Errorf("[natter] log-level: %w", err)
	}
	out, closeFn := stderr, func() {}
	if cfg.General.LogFile != "" {
		f, err := os.OpenFile(cfg.General.LogFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
		if err != nil {
			return nil, nil, fmt.Errorf("[general] log-file: %w", err)
		}
		out, closeFn = f, func() { f.Close() }
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Natter.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(out, opts)), closeFn, nil
	}
	return slog.New(slog.NewTextHandler(out, opts)), closeFn, nil
}
