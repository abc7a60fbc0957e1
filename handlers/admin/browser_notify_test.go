package admin_test

import (
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
