package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/models"
)

// queriesOnly is comment.Queries without the outbox: a store the recorder
// cannot write through.
type queriesOnly struct{ comment.Queries }

func TestRecorder_RefusesAStoreWithoutOutbox(t *testing.T) {
	r := &Recorder{now: time.Now}
	err := r.Record(context.Background(), queriesOnly{}, comment.Change{Kind: comment.ChangeCreated})
	if err == nil || !strings.Contains(err.Error(), "cannot write the outbox") {
		t.Errorf("Record = %v", err)
	}
}

// Backoff doubles from First up to Max.
func TestRetry_Delay(t *testing.T) {
	r := Retry{First: time.Second, Max: 5 * time.Second}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	for i, w := range want {
		if got := r.delay(i + 1); got != w {
			t.Errorf("delay(%d) = %s, want %s", i+1, got, w)
		}
	}
}

// Without public-endpoint or a request URL, moderation links are left
// out rather than pointing somewhere wrong.
func TestRecorder_NoEndpointNoModerationLinks(t *testing.T) {
	h := newHarness(t, "[general]\nhost = https://blog.example\nnotify = stdout\n", Deps{})
	ctx := context.Background()
	_, err := h.svc.Create(ctx, comment.CreateInput{Input: comment.Input{Text: str("hello there")}, URI: "/p/", Title: "P"},
		comment.Actor{IP: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	d := h.deliveries()[0]
	if d.Message.Links.Delete != "" || d.Message.Links.Comment != "https://blog.example/p/#isso-1" ||
		d.Message.Comment.Mode != models.ModePublished {
		t.Errorf("message %+v", d.Message)
	}
}

// An action under WithLinkActor is audited with the anonymised address;
// the same action without it is not.
func TestRecorder_AuditsLinkActions(t *testing.T) {
	h := newHarness(t, "[general]\nhost = https://blog.example\nnotify = stdout\n[moderation]\nenabled = true\n", Deps{})
	a, b := postText(h, "first one"), postText(h, "second one")
	ctx := context.Background()
	if _, err := h.svc.Activate(WithLinkActor(ctx, "192.0.2.55"), a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Activate(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	acts, err := h.n.LinkActions(ctx, 10)
	if err != nil || len(acts) != 1 {
		t.Fatalf("LinkActions = %+v, %v", acts, err)
	}
	if g := acts[0]; g.Action != KindActivated || g.CommentID != a.ID || g.Via != ViaLink || g.Addr != "192.0.2.0" {
		t.Errorf("audit entry %+v", g)
	}
}
