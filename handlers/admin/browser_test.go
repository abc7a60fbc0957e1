package admin_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/natter/natter/internal/testsite"
)

// adminBrowser runs the app on a real listener and a headless Chromium
// against it. Set NATTER_SCREENSHOTS=<dir> to keep the screenshots.
type adminBrowser struct {
	t    *testing.T
	s    *testsite.Site
	base string
	ctx  context.Context
}

func newAdminBrowser(t *testing.T) *adminBrowser {
	t.Helper()
	return browserFor(t, newAdminSite(t))
}

// browserFor serves the site s to a new headless browser.
func browserFor(t *testing.T, s *testsite.Site) *adminBrowser {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.App.Listener(ln) }()
	t.Cleanup(func() { _ = s.App.Shutdown() })
	// Phones overlay their scrollbars; a classic one would steal 15 px.
	ctx := testsite.Browser(t, chromedp.Flag("hide-scrollbars", true))
	return &adminBrowser{t: t, s: s, base: "http://" + ln.Addr().String(), ctx: ctx}
}

// do runs steps one by one; a step whose node was swapped away meanwhile
// is tried again.
func (b *adminBrowser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	for _, s := range steps {
		if err := testsite.Retry(b.ctx, func() error { return chromedp.Do(b.ctx, s) }); err != nil {
			b.t.Fatal(err)
		}
	}
}

// navigate loads a page and waits for it (and for htmx) to be ready.
func (b *adminBrowser) navigate(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("body")))
	b.waitHTMX()
}

func (b *adminBrowser) waitHTMX() {
	b.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`typeof htmx !== "undefined"`))
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatal("htmx did not load")
}

// waitImages waits until the page's images (identicons) are drawn.
func (b *adminBrowser) waitImages() {
	b.t.Helper()
	const drawn = `[...document.images].every(i => i.complete && i.naturalWidth > 0)`
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](drawn))
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatal("images not drawn")
}

// submit clicks a button that navigates and waits for the new page.
func (b *adminBrowser) submit(sel string) {
	b.t.Helper()
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatal(err)
	}
	b.waitHTMX()
}

func (b *adminBrowser) text(sel string) string {
	b.t.Helper()
	var s string
	err := testsite.Retry(b.ctx, func() (err error) {
		s, err = chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
		return err
	})
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

func (b *adminBrowser) count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return n
}

func (b *adminBrowser) login() {
	b.t.Helper()
	b.navigate("/admin/")
	b.do(chromedp.WaitVisible(chromedp.CSS(`[data-testid=password]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=password]`), "correct-horse-battery"))
	b.submit(`[data-testid=login-submit]`)
	b.do(chromedp.WaitVisible(chromedp.CSS(`[data-testid=admin-nav]`)))
}

func (b *adminBrowser) public(uri string) string {
	b.t.Helper()
	resp, err := http.Get(b.base + "/?uri=" + url.QueryEscape(uri))
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func TestBrowserAdminModeration(t *testing.T) {
	b := newAdminBrowser(t)
	ids := seed(t, b.s, "/post", "Hello from a reader", "Buy cheap spam now", "More spam for sale")
	b.login()
	if got := b.text(`[data-testid=count-pending]`); got != "3" {
		t.Fatalf("pending count = %q", got)
	}

	// Approve in place: the row changes without a page load, the reader sees the comment.
	row := fmt.Sprintf("#row-c%d", ids[0])
	b.do(chromedp.Click(chromedp.CSS(row+` [data-testid=action-approve]`)),
		chromedp.WaitVisible(chromedp.CSS(row+`[data-state=approved] [data-testid=row-note]`)))
	if p, ap := b.text(`[data-testid=count-pending]`), b.text(`[data-testid=count-approved]`); p != "2" || ap != "1" {
		t.Fatalf("counts after an in-place approve: pending %q, approved %q", p, ap)
	}
	if !strings.Contains(b.public("/post"), "Hello from a reader") {
		t.Fatal("approved comment is not in the public thread")
	}
	b.do(chromedp.Navigate(b.base+"/?uri=%2Fpost"), chromedp.WaitReady(chromedp.CSS("body")))
	if body := b.text("body"); !strings.Contains(body, "Hello from a reader") {
		t.Fatalf("the browser does not see the approved comment: %.200s", body)
	}

	// Bulk-delete the two spam comments, with the count confirmed first.
	b.navigate("/admin/?state=pending")
	for _, id := range ids[1:] {
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#row-c%d [data-testid=row-select]`, id))))
	}
	b.submit(`[data-testid=bulk-delete-selected]`)
	if q := b.text(`[data-testid=confirm-question]`); !strings.Contains(q, "2 comments") {
		t.Fatalf("confirmation = %q", q)
	}
	b.submit(`[data-testid=confirm-yes]`)
	if flash := b.text(`[data-testid=flash]`); !strings.Contains(flash, "2 comments changed") {
		t.Fatalf("flash = %q", flash)
	}
	if b.count(`[data-testid=admin-row]`) != 0 || b.text(`[data-testid=count-deleted]`) != "2" {
		t.Fatal("spam still pending or not in Deleted")
	}
	if strings.Contains(b.public("/post"), "spam") {
		t.Fatal("deleted spam is public")
	}
}

func TestBrowserAdminEditAndSearch(t *testing.T) {
	b := newAdminBrowser(t)
	ids := seed(t, b.s, "/post", "A typo-ridden comment", "Something about needles", "Unrelated words")
	b.login()

	row := fmt.Sprintf("#row-c%d", ids[0])
	b.do(chromedp.Click(chromedp.CSS(row+` [data-testid=action-edit]`)),
		chromedp.WaitVisible(chromedp.CSS(row+` [data-testid=edit-text]`)),
		chromedp.SetValue(chromedp.CSS(row+` [data-testid=edit-text]`), "A **corrected** comment"),
		chromedp.Click(chromedp.CSS(row+` [data-testid=edit-preview-button]`)),
		chromedp.WaitVisible(chromedp.CSS(row+` [data-testid=edit-preview] strong`)),
		chromedp.Click(chromedp.CSS(row+` [data-testid=edit-save]`)),
		chromedp.WaitVisible(chromedp.CSS(row+`[data-testid=admin-row] [data-testid=row-note]`)))
	if body := b.text(row + ` [data-testid=comment-body]`); !strings.Contains(body, "A corrected comment") {
		t.Fatalf("edited body = %q", body)
	}

	b.do(chromedp.SendKeys(chromedp.CSS(`[data-testid=search]`), "needle"))
	b.submit(`[data-testid=apply]`)
	if n := b.count(`[data-testid=admin-row]`); n != 1 {
		t.Fatalf("search found %d rows", n)
	}
	if !strings.Contains(b.text(`[data-testid=queue]`), "Something about needles") {
		t.Fatal("wrong search result")
	}
}

// TestBrowserAdminScreenshots renders the panel on a desktop and a 360 px
// phone, light and dark, and checks nothing overflows the phone's width.
func TestBrowserAdminScreenshots(t *testing.T) {
	b := newAdminBrowser(t)
	seed(t, b.s, "/blog/2026/a-rather-long-post-address-that-could-overflow-a-phone", "First pending comment with *Markdown*",
		"A second, longer comment that wraps over a few lines on a phone screen to show how the card flows.")
	// Something for the dashboard's list of failures, long enough to wrap.
	b.s.Logger.Warn("configuration", "warning", "/etc/natter/natter.cfg:12: [smtp] to: empty; the owner gets no mail about new comments (set the address to mail)")
	b.s.Logger.Error("purge pending comments", "error", "store: write: database is locked")
	b.login()
	b.screenshots(page{"queue", "/admin/"}, page{"dashboard", "/admin/dashboard"}, page{"debug", "/admin/debug"})
	// On a phone the chart's labels keep a readable size.
	b.do(chromedp.EmulateViewport(360, 740))
	b.navigate("/admin/dashboard")
	px, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.querySelector("[data-testid=chart-from]")).fontSize)`))
	if err != nil || px < 12 {
		t.Errorf("chart label font size on a phone = %v px, %v", px, err)
	}
}

type page struct{ name, path string }

// screenshots takes the pages on a desktop and a 360 px phone, light and
// dark, and fails when one overflows horizontally.
func (b *adminBrowser) screenshots(pages ...page) {
	b.t.Helper()
	dir := os.Getenv("NATTER_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	}
	for _, theme := range []string{"light", "dark"} {
		b.navigate("/admin/prefs?theme=" + theme + "&back=/admin/")
		for _, vp := range []struct {
			name string
			w, h int64
		}{{"desktop", 1280, 800}, {"phone", 360, 740}} {
			for _, pg := range pages {
				b.do(chromedp.EmulateViewport(vp.w, vp.h))
				b.navigate(pg.path)
				b.shoot(filepath.Join(dir, fmt.Sprintf("admin-%s-%s-%s.png", pg.name, vp.name, theme)))
			}
		}
	}
}

func (b *adminBrowser) shoot(name string) {
	b.t.Helper()
	b.waitImages()
	over, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
	if err != nil {
		b.t.Fatal(err)
	}
	if over {
		b.t.Errorf("%s overflows horizontally", filepath.Base(name))
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(name, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}
