package notify

import (
	"context"
	"testing"
	"time"
)

// A row another process has just claimed is left to it: only an expired
// lease makes a worker send it again.
func TestWorker_DoesNotStealFreshClaims(t *testing.T) {
	rc := newReceiver(t, nil)
	r := fastRetry()
	r.Lease = time.Hour
	h := newHarness(t, webhookConfig(rc.URL, ""), Deps{Retry: r})
	postText(h, "claimed elsewhere")
	rows, err := h.db.Outbox().Claim(context.Background(), seconds(time.Now()), 1)
	if err != nil || len(rows) != 1 {
		t.Fatalf("claim = %v, %v", rows, err)
	}
	h.start()
	postText(h, "for this worker")
	waitFor(t, 10*time.Second, func() bool { return len(h.deliveries()) == 2 && h.deliveries()[1].State == "sent" })
	if d := h.deliveries()[0]; d.State != "sending" || rc.count() != 1 {
		t.Errorf("the other process's row is %s after %d requests; want it untouched", d.State, rc.count())
	}
}
