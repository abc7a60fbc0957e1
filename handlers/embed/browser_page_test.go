package embed_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// shot saves a full-page screenshot as name.png under $NATTER_SCREENSHOTS
// (nothing without it), for a person to look at.
func (env *browserEnv) shot(name string) {
	env.t.Helper()
	dir := os.Getenv("NATTER_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(env.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		env.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		env.t.Fatal(err)
	}
}

// TestBrowserPlainPageStartsAtTheTop: the plain thread page (no
// JavaScript) shows its back link and then the thread at once, with no
// screen of blank space between them.
func TestBrowserPlainPageStartsAtTheTop(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.allow("/favicon.ico")
	env.seed("/post-1", "Bob", "Visible without scrolling.")
	page := env.natter + "/embed/thread?uri=/post-1&page=" + env.host + "/post-1"
	env.run("load without JS", noScript(), viewport(360), chromedp.Navigate(page), visible(root))
	env.shot("plain-page-360")
	if top := evalAs[float64](env, `document.querySelector('`+root+`').getBoundingClientRect().top`); top > 120 {
		t.Errorf("the thread starts %.0f px down the page, want it under the back link", top)
	}
	if h := evalAs[float64](env, `document.documentElement.scrollHeight - window.innerHeight`); h > 400 {
		t.Errorf("a one-comment page scrolls by %.0f px", h)
	}
	env.noConsoleErrors()
}
