package site_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/notify"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/testsite"
)

// A comment created through the site's service reaches the configured
// webhook once the site's notifier runs: the composition root wires the
// outbox, the signer and the worker together.
func TestSite_NotifiesThroughTheOutbox(t *testing.T) {
	got := make(chan notify.WebhookPayload, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p notify.WebhookPayload
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &p); err == nil {
			got <- p
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "natter.cfg")
	text := "[general]\nhost = https://blog.example\ndbpath = " + filepath.Join(dir, "c.db") +
		"\nnotify = webhook\n[server]\npublic-endpoint = https://comments.example\n[moderation]\nenabled = true\n" +
		"[webhook]\nurl = " + srv.URL + "\n"
	if err := os.WriteFile(cfgPath, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(cfgPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := site.Open(context.Background(), cfg, site.Options{Logger: slog.New(slog.DiscardHandler),
		Titles: testsite.StaticTitles("Post")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- st.Notify.Run(ctx) }()
	defer func() { cancel(); <-done }()
	text2 := "hello there"
	c, err := st.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text2}, URI: "/p/"},
		comment.Actor{IP: "198.51.100.9", Origin: "https://blog.example"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-got:
		id, err := st.Comments.CheckModerationKey(lastSegment(p.Links.Activate))
		if p.Comment.ID != c.ID || err != nil || id != c.ID {
			t.Errorf("payload %+v; its activate key names %d (%v)", p, id, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no webhook request within 10s")
	}
}

func lastSegment(u string) string {
	for i := len(u) - 1; i >= 0; i-- {
		if u[i] == '/' {
			return u[i+1:]
		}
	}
	return u
}
