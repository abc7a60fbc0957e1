package notify

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/natter/natter/internal/authorhash"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/internal/signed"
	"github.com/natter/natter/internal/store"
)

// fastRetry makes retries due almost at once, so tests wait on outcomes
// rather than on the schedule.
func fastRetry() Retry {
	return Retry{First: 10 * time.Millisecond, Max: 40 * time.Millisecond, Poll: 20 * time.Millisecond, Lease: 50 * time.Millisecond}
}

// harness is a site's database, comment service and notifier.
type harness struct {
	t      *testing.T
	path   string
	cfg    *config.Config
	db     *store.Store
	signer *signed.Signer
	svc    *comment.Service
	n      *Notifier
	logs   *syncBuffer
	deps   Deps
	stop   func()
}

// loadConfig loads text as an isso.cfg.
func loadConfig(t *testing.T, text string) *config.Config {
	t.Helper()
	path := filepath.Join(t.TempDir(), "isso.cfg")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(path, nil)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return cfg
}

// newHarness opens a site on a fresh database; deps may preset
// HTTPClient, SMTPTLS and Retry.
func newHarness(t *testing.T, cfgText string, deps Deps) *harness {
	t.Helper()
	return openHarness(t, filepath.Join(t.TempDir(), "comments.db"), cfgText, deps)
}

// openHarness is newHarness on the database at path.
func openHarness(t *testing.T, path, cfgText string, deps Deps) *harness {
	t.Helper()
	h := &harness{t: t, path: path, cfg: loadConfig(t, cfgText),
		signer: signed.New("session-key"), logs: &syncBuffer{}, deps: deps}
	if h.deps.Retry == (Retry{}) {
		h.deps.Retry = fastRetry()
	}
	h.open()
	t.Cleanup(h.close)
	return h
}

// open (re)opens the database and builds the services, as a server start.
func (h *harness) open() {
	t := h.t
	log := slog.New(slog.NewTextHandler(io.MultiWriter(h.logs), nil))
	db, err := store.Open(context.Background(), store.Options{Path: h.path, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	d := h.deps
	d.Outbox, d.Signer, d.Logger = db.Outbox(), h.signer, log
	n, err := New(h.cfg, d)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := markup.New(markup.Options{})
	hasher, _ := authorhash.New("salt", "none")
	h.db, h.n = db, n
	h.svc = comment.New(comment.Deps{Store: db.Comments(), Renderer: r, Hasher: hasher, Signer: h.signer,
		Outbox: n.Recorder(), Events: n.Events(nil), Logger: log}, comment.Policy{Moderation: h.cfg.Moderation.Enabled,
		MaxAge: time.Hour, ReplyNotifications: h.cfg.General.ReplyNotifications})
}

// start runs the worker until stopped.
func (h *harness) start() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.n.Run(ctx) }()
	h.stop = func() {
		cancel()
		if err := <-done; err != nil {
			h.t.Errorf("Run: %v", err)
		}
		h.stop = nil
	}
}

// restart stops the worker cleanly, closes the database and opens again.
func (h *harness) restart() {
	h.close()
	h.open()
}

func (h *harness) close() {
	if h.stop != nil {
		h.stop()
	}
	if h.db != nil {
		if err := h.db.Close(); err != nil {
			h.t.Errorf("close: %v", err)
		}
		h.db = nil
	}
}

// post creates a comment as a reader on the blog.
func (h *harness) post(in comment.CreateInput) comment.Created {
	h.t.Helper()
	if in.URI == "" {
		in.URI, in.Title = "/post/", "Hello World"
	}
	ctx := WithEndpoint(context.Background(), "https://comments.example/")
	c, err := h.svc.Create(ctx, in, comment.Actor{IP: "203.0.113.77", Origin: "https://blog.example"})
	if err != nil {
		h.t.Fatalf("create: %v", err)
	}
	return c
}

// deliveries lists every outbox row, oldest first.
func (h *harness) deliveries() []Delivery {
	h.t.Helper()
	ds, err := h.n.Deliveries(context.Background(), store.OutboxFilter{Limit: 1000})
	if err != nil {
		h.t.Fatal(err)
	}
	for i, j := 0, len(ds)-1; i < j; i, j = i+1, j-1 {
		ds[i], ds[j] = ds[j], ds[i]
	}
	return ds
}

// waitState waits until every delivery is in a final state and returns them.
func (h *harness) waitSettled(want int) []Delivery {
	h.t.Helper()
	var ds []Delivery
	waitFor(h.t, 10*time.Second, func() bool {
		ds = h.deliveries()
		if len(ds) != want {
			return false
		}
		for _, d := range ds {
			if d.State != store.OutboxSent && d.State != store.OutboxFailed {
				return false
			}
		}
		return true
	})
	return ds
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// receive waits for one value from ch.
func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("nothing received within 10s")
	}
	var zero T
	return zero
}

func str(s string) *string { return &s }

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
