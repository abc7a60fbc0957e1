package admin_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAdminNotifications: three refused notifications warn on the
// dashboard and list the remote's answer; a test message sent from the
// page arrives; "send again" delivers a refused one. Screenshots of the
// page, light and dark, desktop and phone.
func TestBrowserAdminNotifications(t *testing.T) {
	rcv := newReceiver(t, 3)
	s := notifySite(t, rcv, "")
	seed(t, s, "/blog/2026/a-rather-long-post-address-that-could-overflow-a-phone", "one", "two", "three")
	b := browserFor(t, s)
	b.login()
	a := login(t, s)
	a.eventually("/admin/notifications", `data-state="failed"`, 3)

	b.navigate("/admin/dashboard")
	if w := b.text(`[data-testid=notify-failing]`); !strings.Contains(w, "webhook") {
		t.Fatalf("dashboard warning = %q", w)
	}
	b.submit(`[data-testid=notify-failing] a`)
	if n := b.count(`[data-testid=delivery][data-state=failed]`); n != 3 {
		t.Fatalf("%d failed deliveries listed", n)
	}

	b.navigate("/admin/notifications")
	b.submit(`[data-testid=test-webhook]`)
	if f := b.text(`[data-testid=flash]`); !strings.Contains(f, "webhook") {
		t.Fatalf("flash = %q", f)
	}
	rcv.wait(t)
	b.submit(`[data-testid=delivery][data-state=failed] [data-testid=resend]`)
	rcv.wait(t)
	a.eventually("/admin/notifications?state=sent", `data-testid="delivery"`, 2)
	b.navigate("/admin/notifications")
	b.do(chromedp.WaitVisible(chromedp.CSS(`[data-testid=delivery-answer]`)))
	b.screenshots(page{"notifications", "/admin/notifications"}, page{"dashboard-warning", "/admin/dashboard"})
}

// TestBrowserModerationLink follows the approve link of a received message
// in the browser: the confirmation page shows the comment and changes
// nothing until its button is pressed.
func TestBrowserModerationLink(t *testing.T) {
	rcv := newReceiver(t, 0)
	s := notifySite(t, rcv, "[natter]\nlang = zh-CN\n[server]\npublic-endpoint = http://natter.test\n")
	seed(t, s, "/post", "Approve me from the message")
	var msg struct {
		Links struct{ Activate string } `json:"links"`
	}
	if err := json.Unmarshal([]byte(rcv.wait(t)), &msg); err != nil || msg.Links.Activate == "" {
		t.Fatalf("webhook payload: %+v %v", msg, err)
	}
	link, err := url.Parse(msg.Links.Activate)
	if err != nil {
		t.Fatal(err)
	}
	b := browserFor(t, s)
	b.do(chromedp.Navigate(b.base+link.Path), chromedp.WaitVisible(chromedp.CSS(`[data-testid=link-submit]`)))
	if got := b.text(`[data-testid=link-comment]`); !strings.Contains(got, "Approve me from the message") {
		t.Fatalf("confirmation page shows %q", got)
	}
	if h := b.text("h1"); h != "通过这条评论？" {
		t.Errorf("heading %q", h)
	}
	dir := os.Getenv("NATTER_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	b.shoot(filepath.Join(dir, "moderation-link-confirm.png"))
	if strings.Contains(b.public("/post"), "Approve me") {
		t.Fatal("opening the link published the comment")
	}
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(`[data-testid=link-submit]`))); err != nil {
		t.Fatal(err)
	}
	if body := b.text("body"); body != "Comment has been activated" {
		t.Errorf("after the POST: %q", body)
	}
	if !strings.Contains(b.public("/post"), "Approve me from the message") {
		t.Error("the comment is not published after the confirmation")
	}
}
