package embed_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// readmeSnippet is the README's embedding snippet, pointed at this test's
// Natter: the test holds the README to what it promises.
func readmeSnippet(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## Embedding comments.*?```html\n(.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("README has no html snippet under \"Embedding comments\"")
	}
	return strings.ReplaceAll(string(m[1]), "https://comments.example.com", "NATTER")
}

// block makes Chromium fail requests matching the URL pattern (none: unblock).
func block(patterns ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		p := network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{}}
		for _, u := range patterns {
			p.URLPatterns = append(p.URLPatterns, &network.BlockPattern{URLPattern: u, Block: true})
		}
		_, err := cdp.Call(ctx, t, network.SetBlockedURLs, p)
		return err
	})
}

// snippetPage is a host page holding the README's snippet; the script
// before it notes what the snippet said while its request was on the way.
func snippetPageFrom(t *testing.T) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<h1>A blog post</h1><script>document.addEventListener("htmx:beforeSend", function (e) {
  if (e.detail.elt.id === "") window.__during = e.detail.elt.textContent; });</script>
` + readmeSnippet(t) + `</body></html>`
}

// TestBrowserSnippetFallback: the README's snippet shows a link to the
// plain thread page without JavaScript or when Natter's script cannot
// load, "Loading comments…" while the thread is on its way, and when the
// thread cannot come a retry that works and the same link.
func TestBrowserSnippetFallback(t *testing.T) {
	env := newBrowserEnv(t, "")
	for _, s := range []string{"net::ERR_BLOCKED_BY_CLIENT", "htmx:sendError", "htmx:afterRequest"} {
		env.allow(s)
	}
	env.seed("/post-1", "Bob", "Hello from the thread.")
	url := env.page("/post-1", snippetPageFrom(t))
	link := `a[href="` + env.natter + `/embed/thread?uri=/post-1"]`

	env.run("script blocked", block("*://*:*/embed.js"), chromedp.Navigate(url), visible(link))
	env.shot("snippet-script-blocked")
	env.run("open the plain page", click(link), visible(`[data-testid="nojs-page"]`))
	if got := env.text(`[data-testid="comment-body"]`); got != "Hello from the thread." {
		t.Errorf("plain page shows %q", got)
	}

	env.run("thread fails", block("*://*:*/embed/thread*"), chromedp.Navigate(url), visible(`[data-testid="natter-load-failed"]`))
	env.shot("snippet-load-failed")
	if got := evalAs[string](env, `window.__during`); !strings.Contains(got, "Loading comments…") {
		t.Errorf("while loading the snippet said %q", got)
	}
	if got := env.text(`[data-testid="natter-load-failed"]`); !strings.HasPrefix(got, "Comments could not be loaded.") {
		t.Errorf("failure says %q", got)
	}
	href := evalAs[string](env, `document.querySelector('[data-testid="natter-open-page"]').href`)
	if !strings.HasPrefix(href, env.natter+"/embed/thread?uri=%2Fpost-1") || !strings.Contains(href, "page=") {
		t.Errorf("plain-page link = %q", href)
	}
	env.run("retry", block(), click(`[data-testid="natter-retry"]`), visible(root))
	env.waitJS("no longer busy", `!document.querySelector('[aria-busy]')`)
	if n := countSel(env, `[data-testid="natter-load-failed"], [data-testid="natter-loading"]`); n != 0 {
		t.Errorf("%d loading or failure notes left beside the thread", n)
	}
	if got := env.text(`[data-testid="comment-body"]`); got != "Hello from the thread." {
		t.Errorf("after the retry: %q", got)
	}
	env.noConsoleErrors()
}
