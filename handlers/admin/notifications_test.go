package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/natter/natter/internal/testsite"
)

// receiver is a local webhook endpoint: it refuses the first failures
// requests with 400 and the remote's answer, then accepts.
type receiver struct {
	srv      *httptest.Server
	got      chan string
	failures atomic.Int32
}

func newReceiver(t testing.TB, failures int) *receiver {
	r := &receiver{got: make(chan string, 16)}
	r.failures.Store(int32(failures))
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if r.failures.Add(-1) >= 0 {
			http.Error(w, "token revoked", http.StatusBadRequest)
			return
		}
		body, _ := io.ReadAll(req.Body)
		r.got <- string(body)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// wait returns the next accepted request's body.
func (r *receiver) wait(t testing.TB) string {
	t.Helper()
	select {
	case b := <-r.got:
		return b
	case <-time.After(15 * time.Second):
		t.Fatal("the receiver got nothing within 15 s")
		return ""
	}
}

// notifySite is the admin site with a webhook channel at rcv (and the
// extra configuration), its delivery worker running.
func notifySite(t testing.TB, rcv *receiver, extra string) *testsite.Site {
	t.Helper()
	cfg := strings.Replace(adminConfig, "[admin]", "notify = webhook\n[admin]", 1) + "[webhook]\nurl = " + rcv.srv.URL + "\n" + extra
	s := testsite.New(t, testsite.Options{Config: cfg})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Site.Notify.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return s
}

// eventually polls the page at path until it contains want n times.
func (a *adminClient) eventually(path, want string, n int) string {
	a.t.Helper()
	var body string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, body = a.get(path, false); strings.Count(body, want) == n {
			return body
		}
	}
	a.t.Fatalf("%s never showed %q %d times: %.2000s", path, want, n, body)
	return ""
}

func TestNotifications_TestMessageArrives(t *testing.T) {
	rcv := newReceiver(t, 0)
	s := notifySite(t, rcv, "")
	a := login(t, s)
	_, page := a.get("/admin/notifications", false)
	if !strings.Contains(page, `data-testid="test-webhook"`) {
		t.Fatalf("no test button for the webhook channel: %.1500s", page)
	}
	testsite.NoInlineStyle(t, "notifications", page)
	resp, _ := a.post("/admin/notifications/test", form(a, "channel", "webhook"), false)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "tested=webhook") {
		t.Fatalf("send test = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if body := rcv.wait(t); !strings.Contains(body, `"test"`) {
		t.Errorf("webhook payload %s", body)
	}
	a.eventually("/admin/notifications?state=sent", `data-state="sent" data-channel="webhook"`, 1)
	if resp, _ := a.post("/admin/notifications/test", form(a, "channel", "smtp"), false); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("test to an unconfigured channel = %d", resp.StatusCode)
	}
}

// Three refused notifications of new comments in a row (test messages
// do not count): each shows the remote's answer, the
// dashboard warns, and "send again" delivers once the remote accepts.
func TestNotifications_FailuresWarnAndResend(t *testing.T) {
	rcv := newReceiver(t, 3)
	s := notifySite(t, rcv, "")
	a := login(t, s)
	if _, dash := a.get("/admin/dashboard", false); strings.Contains(dash, "notify-failing") {
		t.Fatal("warning before any failure")
	}
	seed(t, s, "/post", "one", "two", "three")
	page := a.eventually("/admin/notifications", `data-state="failed"`, 3)
	if n := strings.Count(page, "HTTP 400: token revoked"); n != 3 {
		t.Fatalf("the remote's answer is shown %d times, want 3", n)
	}
	if !strings.Contains(page, `data-testid="notify-failing"`) {
		t.Error("the notifications page does not warn")
	}
	if _, dash := a.get("/admin/dashboard", false); !strings.Contains(dash, `data-testid="notify-failing"`) {
		t.Error("the dashboard does not warn after 3 failures")
	}
	resp, _ := a.post("/admin/notifications/1/resend", form(a), false)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resend = %d", resp.StatusCode)
	}
	rcv.wait(t)
	a.eventually("/admin/notifications?state=sent", `data-testid="delivery"`, 1)
	if _, dash := a.get("/admin/dashboard", false); strings.Contains(dash, `data-testid="notify-failing"`) {
		t.Error("the warning stays after a delivery succeeded")
	}
	if resp, _ := a.post("/admin/notifications/999/resend", form(a), false); resp.StatusCode != http.StatusNotFound {
		t.Errorf("resend of a missing delivery = %d", resp.StatusCode)
	}
}

// An approval through the mail's link shows in the audit log with the
// sender's address prefix.
func TestNotifications_LinkActionsListed(t *testing.T) {
	// app.Test's peer is 0.0.0.0; trusting it lets the test name the client.
	s := notifySite(t, newReceiver(t, 0), "[server]\ntrusted-proxies = 0.0.0.0/32\n")
	ids := seed(t, s, "/post", "approve me by mail")
	key, err := s.Site.Comments.ModerationKey(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/id/1/activate/"+url.PathEscape(key), nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.77")
	if resp, err := s.App.Test(req, -1); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("activate through the link: %v %v", resp, err)
	}
	a := login(t, s)
	_, page := a.get("/admin/notifications", false)
	i := strings.Index(page, `data-testid="link-action"`)
	if i < 0 {
		t.Fatalf("no link action listed: %.3000s", page)
	}
	item := page[i:min(len(page), i+800)]
	for _, want := range []string{"Approved", "#1", "via link", "203.0.113.0"} {
		if !strings.Contains(item, want) {
			t.Errorf("audit entry lacks %q: %s", want, item)
		}
	}
}
