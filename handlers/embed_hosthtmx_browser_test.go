package handlers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// hostHTMXPage is a blog page that runs its own htmx (served from the
// host origin, loaded before Natter's loader) and uses it for its own
// element, plus Natter's snippet.
const hostHTMXPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title>
<link rel="icon" href="data:,">
<script src="/host-htmx.js"></script>
<script src="NATTER/embed.js" defer></script></head>
<body><article><h1>A blog post</h1>
<button id="host-button" hx-get="/host-fragment" hx-target="#host-out">Load</button>
<div id="host-out"></div></article>
<div id="comments" hx-get="NATTER/embed/thread?uri=/post-1" hx-trigger="load"></div>
</body></html>`

const hostFragment = `<p id="host-loaded">Loaded by the host's htmx</p>`

func newHostHTMXEnv(t *testing.T, htmxFile string) (*browserEnv, string) {
	t.Helper()
	js, err := os.ReadFile(htmxFile)
	if err != nil {
		t.Fatal(err)
	}
	env := newBrowserEnv(t, "")
	env.script("/host-htmx.js", js)
	env.page("/host-fragment", hostFragment)
	return env, env.page("/post-1", hostHTMXPage)
}

// hostHTMXWorks clicks the host's own htmx button.
func hostHTMXWorks(env *browserEnv) {
	env.t.Helper()
	env.run("host htmx", click(`#host-button`))
	env.waitJS("host fragment", `!!document.querySelector('#host-out #host-loaded')`)
}

// TestBrowserHostHTMX2: a page running its own htmx 2 keeps it (the loader
// loads no second copy) and the widget fully works beside it.
func TestBrowserHostHTMX2(t *testing.T) {
	env, url := newHostHTMXEnv(t, filepath.Join("..", "static", "vendor", "htmx.min.js"))
	env.seed("/post-1", "Bob", "Hello from Bob.")
	env.run("load", chromedp.Navigate(url), visible(root))
	if n := countSel(env, `script[src*="htmx"]`); n != 1 {
		t.Errorf("%d htmx scripts on the page, want only the host's", n)
	}
	if host := evalAs[bool](env, `window.__natterHostHtmx === true`); !host {
		t.Error("loader did not use the host's htmx")
	}
	hostHTMXWorks(env)
	env.run("post", keys(`[data-testid="post-form"] [data-testid="field-text"]`, "Posted beside the host's htmx 2"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 2`)
	env.waitJS("own controls", `!!document.querySelector('[data-testid="edit"]')`)
	// The host's htmx still works after the widget's requests.
	evalAs[bool](env, `document.getElementById("host-out").textContent = ""; true`)
	hostHTMXWorks(env)
	env.noConsoleErrors()
}

// TestBrowserHostHTMX4: on a page running htmx 4 the host's htmx keeps
// working and the loader, which does not support htmx 4, shows a link to
// the thread's plain page instead of the widget, without errors.
func TestBrowserHostHTMX4(t *testing.T) {
	env, url := newHostHTMXEnv(t, filepath.Join("testdata", "htmx4.min.js"))
	env.seed("/post-1", "Bob", "Hello from Bob.")
	env.run("load", chromedp.Navigate(url), visible(`[data-testid="natter-fallback"]`))
	if v := evalAs[string](env, `String(htmx.version)`); !strings.HasPrefix(v, "4.") {
		t.Fatalf("host htmx version = %q", v)
	}
	hostHTMXWorks(env)
	got := env.text(`[data-testid="natter-fallback"]`)
	if !strings.Contains(got, "htmx 4") {
		t.Errorf("fallback message = %q", got)
	}
	href := evalAs[string](env, `document.querySelector('[data-testid="natter-fallback"] a').href`)
	if !strings.HasPrefix(href, env.natter+"/embed/thread?uri=/post-1") {
		t.Errorf("fallback link = %q", href)
	}
	if n := countSel(env, `#comments[data-htmx-powered]`); n != 0 {
		t.Error("htmx 4 initialised Natter's snippet element")
	}
	if n := countSel(env, `#comments `+root+`:not([data-natter-fallback])`); n != 0 {
		t.Errorf("widget rendered under htmx 4 (%d roots): update the test and docs", n)
	}
	if n := countSel(env, `script[src*="htmx"]`); n != 1 {
		t.Errorf("%d htmx scripts on the page, want only the host's", n)
	}
	// The stylesheet is in, so the fallback is styled, not the host.
	env.waitJS("stylesheet", `!!document.getElementById("natter-style")`)
	// The link leads to the thread's plain page, which works without JS.
	env.allow(env.natter + "/favicon.ico") // the plain page's origin has no icon
	env.run("follow", chromedp.Navigate(href), visible(root))
	if got := env.text(`[data-testid="comment-body"]`); !strings.Contains(got, "Hello from Bob") {
		t.Errorf("plain page body = %q", got)
	}
	env.noConsoleErrors()
}
