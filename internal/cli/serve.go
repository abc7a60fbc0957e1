package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/natter/natter/handlers"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/faillog"
	"github.com/natter/natter/internal/server"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/static"
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
	cfg, err := l.single()
	if err != nil {
		return err
	}
	log, closeLog, err := newLogger(cfg, e.stderr)
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
	return serve(ctx, cfg, l.source, log, failures, e.build)
}

func serve(ctx context.Context, cfg *config.Config, source string, log *slog.Logger, failures *faillog.Log, b Build) error {
	st, err := site.Open(ctx, cfg, site.Options{Logger: log})
	if err != nil {
		return err
	}
	// Closed last, after in-flight requests finished, so no write is cut off.
	defer func() {
		if err := st.Close(); err != nil {
			log.Error("close database", slog.String("error", err.Error()))
		}
	}()
	stopNotify := runNotify(ctx, st, log)
	defer stopNotify() // before the database closes: deliveries in flight are recorded
	assets, err := static.New()
	if err != nil {
		return err
	}
	app, err := handlers.New(handlers.Deps{Site: st, Assets: assets, Logger: log, Failures: failures,
		Build: handlers.Build{Version: b.Version, Commit: b.commit()}})
	if err != nil {
		return err
	}
	ln, url, err := server.Listen(cfg.Server.Listen)
	if err != nil {
		return err
	}
	go st.Comments.RunPurge(ctx)
	attrs := []any{slog.String("config", source), slog.String("database", st.DBPath), slog.String("listen", cfg.Server.Listen)}
	if url != "" {
		attrs = append(attrs, slog.String("demo", url+"/demo"))
	}
	log.Info("natter started", attrs...)
	err = server.Serve(ctx, app, ln, cfg.Natter.ShutdownTimeout)
	log.Info("natter stopped")
	return err
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
