package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/natter/natter/internal/notify"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/store"
)

// notifyTestWait bounds how long notify-test waits for the answers.
const notifyTestWait = time.Minute

// runNotifyTest sends a test message through every configured channel (or
// one) and prints each outcome with the remote's answer.
func runNotifyTest(e *environment, args []string) error {
	fs, file := newFlags(e, "notify-test", "Send a test message through the configured notification channels")
	channel := fs.String("channel", "", "only this channel (default: all configured)")
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
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, cancel := context.WithTimeout(context.Background(), notifyTestWait)
	defer cancel()
	st, err := site.Open(ctx, cfg, site.Options{Logger: log})
	if err != nil {
		return err
	}
	defer st.Close()
	stop := st.RunNotify(ctx, log)
	defer stop()
	names := st.Notify.Channels()
	if *channel != "" {
		names = []string{*channel}
	}
	return sendTests(ctx, e, st.Notify, names)
}

// sendTests queues one test per channel, then reports each outcome.
func sendTests(ctx context.Context, e *environment, n *notify.Notifier, names []string) error {
	ids := make([]int64, len(names))
	for i, name := range names {
		id, err := n.SendTest(ctx, name)
		if err != nil {
			return err
		}
		ids[i] = id
	}
	failed := false
	for i, id := range ids {
		d, err := waitSettled(ctx, n, id)
		if err != nil {
			return fmt.Errorf("%s: %w", names[i], err)
		}
		fmt.Fprintf(e.stdout, "%s: %s (%s)\n", names[i], d.State, d.Answer)
		failed = failed || d.State != store.OutboxSent
	}
	if failed {
		return errors.New("notify-test: some channels failed")
	}
	return nil
}

// waitSettled polls a delivery until it is sent or failed; a retry is
// reported as it stands (the server will keep trying).
func waitSettled(ctx context.Context, n *notify.Notifier, id int64) (notify.Delivery, error) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		d, err := n.Delivery(ctx, id)
		if err != nil || d.State == store.OutboxSent || d.State == store.OutboxFailed || d.State == store.OutboxRetrying {
			return d, err
		}
		select {
		case <-ctx.Done():
			return d, fmt.Errorf("no answer within %s", notifyTestWait)
		case <-tick.C:
		}
	}
}
