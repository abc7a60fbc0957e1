package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
)

func webhookConfig(url, extra string) string {
	return "[general]\nhost = https://blog.example\nnotify = webhook\n[webhook]\nurl = " + url + "\n" + extra
}

func postText(h *harness, text string) comment.Created {
	return h.post(comment.CreateInput{Input: comment.Input{Text: str(text)}})
}

// A receiver failing twice gets the message on the third attempt, and the
// delivery records the attempts and the final answer.
func TestWorker_RetriesUntilAccepted(t *testing.T) {
	rc := newReceiver(t, func(n int, w http.ResponseWriter) {
		if n <= 2 {
			status(w, http.StatusServiceUnavailable, "busy")
		}
	})
	h := newHarness(t, webhookConfig(rc.URL, ""), Deps{})
	h.start()
	postText(h, "hello there")
	d := h.waitSettled(1)[0]
	if d.State != "sent" || d.Attempts != 3 || rc.count() != 3 || !strings.HasPrefix(d.Answer, "HTTP 200") {
		t.Errorf("delivery %+v after %d requests; want sent on attempt 3", d, rc.count())
	}
}

// A receiver that never answers does not delay the comment; the attempt
// times out and is retried, then given up after notify-give-up.
func TestWorker_SilentReceiverTimesOutAndGivesUp(t *testing.T) {
	release := make(chan struct{})
	rc := newReceiver(t, func(int, http.ResponseWriter) { <-release })
	t.Cleanup(func() { close(release) })
	h := newHarness(t, webhookConfig(rc.URL, "[natter]\nnotify-timeout = 1\nnotify-give-up = 2\n"), Deps{})
	h.start()
	begin := time.Now()
	postText(h, "hello there")
	if took := time.Since(begin); took > 500*time.Millisecond {
		t.Errorf("the comment took %s; delivery must not delay it", took)
	}
	receive(t, rc.Got) // the first attempt is under way
	d := h.waitSettled(1)[0]
	if d.State != "failed" || d.Attempts < 2 || !strings.Contains(d.Answer, "Timeout") {
		t.Errorf("delivery %+v; want failed after timed-out attempts", d)
	}
}

// Refusals retrying cannot change fail at once.
func TestWorker_PermanentRefusal(t *testing.T) {
	rc := newReceiver(t, func(_ int, w http.ResponseWriter) { status(w, http.StatusNotFound, "no such hook") })
	h := newHarness(t, webhookConfig(rc.URL, ""), Deps{})
	h.start()
	postText(h, "hello there")
	if d := h.waitSettled(1)[0]; d.State != "failed" || d.Attempts != 1 || d.Answer != "HTTP 404: no such hook" {
		t.Errorf("delivery %+v", d)
	}
}

// Messages queued while no worker runs survive a restart and are
// delivered once each; rows a killed process left "sending" are retried.
func TestWorker_RestartDeliversEachOnce(t *testing.T) {
	rc := newReceiver(t, nil)
	h := newHarness(t, webhookConfig(rc.URL, ""), Deps{})
	for _, s := range []string{"one one", "two two", "three three"} {
		postText(h, s)
	}
	// As if a worker had claimed the first row and the process was killed.
	if rows, err := h.db.Outbox().Claim(context.Background(), seconds(time.Now()), 1); err != nil || len(rows) != 1 {
		t.Fatalf("claim = %v, %v", rows, err)
	}
	h.restart()
	h.start()
	h.waitSettled(3)
	h.restart()
	h.start()
	postText(h, "four four")
	h.waitSettled(4)
	seen := map[int64]int{}
	for _, r := range rc.requests() {
		var p WebhookPayload
		mustJSON(t, r.Body, &p)
		seen[p.Comment.ID]++
	}
	if len(seen) != 4 || seen[1] != 1 || seen[2] != 1 || seen[3] != 1 || seen[4] != 1 {
		t.Errorf("deliveries per comment = %v; want each of 4 once", seen)
	}
}

// A clean stop waits for the delivery in flight and records it, so the
// next start does not send it again.
func TestWorker_CleanStopFinishesInFlight(t *testing.T) {
	release := make(chan struct{})
	rc := newReceiver(t, func(n int, _ http.ResponseWriter) {
		if n == 1 {
			<-release
		}
	})
	h := newHarness(t, webhookConfig(rc.URL, ""), Deps{})
	h.start()
	postText(h, "in flight")
	receive(t, rc.Got)
	stopped := make(chan struct{})
	go func() { h.stop(); close(stopped) }()
	select {
	case <-stopped:
		t.Fatal("Run returned with a delivery in flight")
	default:
	}
	close(release)
	receive(t, stopped)
	h.restart()
	h.start()
	postText(h, "after restart")
	ds := h.waitSettled(2)
	if rc.count() != 2 || ds[0].State != "sent" || ds[0].Attempts != 1 {
		t.Errorf("%d requests, first delivery %+v; want 2 requests, the first sent once", rc.count(), ds[0])
	}
}

// The admin operations: a test message per channel, and sending again.
func TestNotifier_SendTestAndResend(t *testing.T) {
	rc := newReceiver(t, nil)
	h := newHarness(t, webhookConfig(rc.URL, "[natter]\nlang = zh-CN\n"), Deps{})
	h.start()
	ctx := context.Background()
	id, err := h.n.SendTest(ctx, "webhook")
	if err != nil {
		t.Fatal(err)
	}
	first := receive(t, rc.Got)
	var p WebhookPayload
	mustJSON(t, first.Body, &p)
	if p.Event != KindTest || !strings.Contains(p.Comment.Text, "webhook") || !strings.Contains(p.Comment.Text, "通知") {
		t.Errorf("test payload %s", first.Body)
	}
	h.waitSettled(1)
	if err := h.n.Resend(ctx, id); err != nil {
		t.Fatal(err)
	}
	if again := receive(t, rc.Got); again.Body != first.Body {
		t.Errorf("resent body differs:\n%s\n%s", again.Body, first.Body)
	}
	if _, err := h.n.SendTest(ctx, "wechat"); err == nil {
		t.Error("SendTest to an unconfigured channel succeeded")
	}
	if err := h.n.Resend(ctx, 999); err == nil {
		t.Error("Resend of an unknown delivery succeeded")
	}
	if _, err := json.Marshal(h.deliveries()); err != nil {
		t.Error(err)
	}
}

// A channel whose last deliveries all failed is reported for the
// dashboard; one success clears it.
func TestNotifier_Failing(t *testing.T) {
	var fail atomic.Bool
	fail.Store(true)
	rc := newReceiver(t, func(_ int, w http.ResponseWriter) {
		if fail.Load() {
			status(w, http.StatusForbidden, "revoked")
		}
	})
	h := newHarness(t, webhookConfig(rc.URL, ""), Deps{})
	h.start()
	ctx := context.Background()
	postText(h, "one one")
	postText(h, "two two")
	h.waitSettled(2)
	if got, err := h.n.Failing(ctx, 2); err != nil || len(got) != 1 || got[0] != Webhook {
		t.Errorf("Failing(2) = %v, %v", got, err)
	}
	if got, _ := h.n.Failing(ctx, 3); len(got) != 0 {
		t.Errorf("Failing(3) = %v with only 2 deliveries", got)
	}
	h.stop()
	fail.Store(false)
	h.start()
	postText(h, "three three")
	h.waitSettled(3)
	if got, _ := h.n.Failing(ctx, 2); len(got) != 0 {
		t.Errorf("Failing after a success = %v", got)
	}
}
