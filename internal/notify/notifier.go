package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/signed"
	"github.com/natter/natter/internal/store"
)

// Deps are the notifier's collaborators.
type Deps struct {
	Outbox store.Outbox
	// Signer must be the comment service's (Isso's session key), so the
	// links verify.
	Signer *signed.Signer
	Logger *slog.Logger
	Now    func() time.Time // nil: time.Now
	// HTTPClient sends pushes; nil means one with [natter] notify-timeout.
	HTTPClient *http.Client
	// SMTPTLS verifies the mail server; nil means the system's roots.
	SMTPTLS *tls.Config
	Retry   Retry
}

// Notifier is one site's notifications: the recorder the comment service
// writes through, the worker that delivers, and the admin operations.
type Notifier struct {
	recorder *Recorder
	worker   *worker
	names    []string
	lang     string
}

// New builds the configured channels and the recorder.
func New(cfg *config.Config, d Deps) (*Notifier, error) {
	if d.Signer == nil {
		return nil, errors.New("notify: no signer")
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.HTTPClient == nil {
		d.HTTPClient = &http.Client{Timeout: cfg.Natter.NotifyTimeout}
	}
	channels, err := buildChannels(cfg, channelDeps{log: d.Logger, client: d.HTTPClient, tls: d.SMTPTLS, now: d.Now})
	if err != nil {
		return nil, err
	}
	names := channelNames(cfg)
	n := &Notifier{names: names, lang: cfg.Natter.Lang}
	n.recorder = &Recorder{channels: names, replies: cfg.General.ReplyNotifications,
		ownerMail: slices.ContainsFunc(cfg.General.Notify, func(s string) bool { return canonical(s) == SMTP }) && cfg.SMTP.To != "",
		links:     linker{public: cfg.Server.PublicEndpoint, signer: d.Signer, now: d.Now},
		origin:    siteOrigin(cfg.General.Hosts), lang: cfg.Natter.Lang, now: d.Now}
	if d.Retry.Lease <= 0 {
		d.Retry.Lease = 2*max(cfg.Natter.NotifyTimeout, cfg.SMTP.Timeout) + time.Minute
	}
	n.worker = &worker{box: d.Outbox, channels: channels, retry: d.Retry.withDefaults(), giveUp: cfg.Natter.NotifyGiveUp,
		kick: make(chan struct{}, 1), now: d.Now, log: d.Logger, flying: map[int64]bool{}}
	return n, nil
}

// Recorder is the comment service's Outbox (comment.Deps.Outbox).
func (n *Notifier) Recorder() *Recorder { return n.recorder }

// Run delivers queued messages until ctx ends; it returns only once the
// deliveries in flight are recorded, so close the database after it.
func (n *Notifier) Run(ctx context.Context) error { return n.worker.run(ctx) }

// Channels lists the configured channel names.
func (n *Notifier) Channels() []string { return slices.Clone(n.names) }

// Events wraps next (nil for none) so the worker is woken after each
// commit instead of at its next poll (comment.Deps.Events).
func (n *Notifier) Events(next comment.Events) comment.Events {
	return kicker{next: next, wake: n.worker.wake}
}

// kicker forwards events and wakes the worker.
type kicker struct {
	next comment.Events
	wake func()
}

func (k kicker) Created(ctx context.Context, e comment.Event) {
	k.wake()
	if k.next != nil {
		k.next.Created(ctx, e)
	}
}

func (k kicker) Edited(ctx context.Context, e comment.Event) {
	k.wake()
	if k.next != nil {
		k.next.Edited(ctx, e)
	}
}

func (k kicker) Deleted(ctx context.Context, id int64) {
	k.wake()
	if k.next != nil {
		k.next.Deleted(ctx, id)
	}
}

func (k kicker) Activated(ctx context.Context, e comment.Event) {
	k.wake()
	if k.next != nil {
		k.next.Activated(ctx, e)
	}
}

// siteOrigin is the first [general] host as an origin (Isso reads a host
// without scheme as http).
func siteOrigin(hosts []string) string {
	if len(hosts) == 0 {
		return ""
	}
	h := hosts[0]
	if !strings.Contains(h, "://") {
		h = "http://" + strings.TrimPrefix(h, "//")
	}
	return strings.TrimRight(h, "/")
}
