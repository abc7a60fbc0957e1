package embed_test

import (
	"os"
	"path/filepath"
	"strconv"
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
	env, url := newHostHTMXEnv(t, filepath.Join("..", "..", "static", "vendor", "htmx.min.js"))
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

// TestBrowserHostHTMX4: on a page running htmx 4 the loader keeps htmx 4
// away from Natter's elements and inlines the thread's plain version: the
// comments are read in place and a comment is posted through a normal form
// post that comes back to the host page.
func TestBrowserHostHTMX4(t *testing.T) {
	env, url := newHostHTMXEnv(t, filepath.Join("testdata", "htmx4.min.js"))
	env.seed("/post-1", "Bob", "Hello from Bob.")
	env.run("load", chromedp.Navigate(url), visible(`#comments [data-natter-plain] `+root))
	if v := evalAs[string](env, `String(htmx.version)`); !strings.HasPrefix(v, "4.") {
		t.Fatalf("host htmx version = %q", v)
	}
	hostHTMXWorks(env)
	if got := env.text(`#comments [data-testid="comment-body"]`); !strings.Contains(got, "Hello from Bob") {
		t.Errorf("inlined thread body = %q", got)
	}
	if n := countSel(env, `#comments[data-htmx-powered], #comments [data-htmx-powered]`); n != 0 {
		t.Error("htmx 4 initialised Natter's elements")
	}
	if n := countSel(env, `script[src*="htmx"]`); n != 1 {
		t.Errorf("%d htmx scripts on the page, want only the host's", n)
	}
	env.waitJS("stylesheet", `!!document.getElementById("natter-style")`)

	// Post: a normal form post, answered with a 303 back to this page.
	env.run("post", keys(`[data-testid="post-form"] [data-testid="field-text"]`, "Posted beside htmx 4"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("back on the host page", `location.href.indexOf(`+strconv.Quote(url)+`) === 0 && location.hash.indexOf("#natter-comment-") === 0 && document.querySelectorAll('#comments [data-testid="comment"]').length === 2`)
	if got := evalAs[string](env, `document.querySelector(location.hash + ' [data-testid="comment-body"]').textContent`); !strings.Contains(got, "Posted beside htmx 4") {
		t.Errorf("new comment = %q", got)
	}
	// Vote on Bob's comment: a form post that also comes back here.
	env.run("vote", click(`#natter-comment-1 [data-testid="vote-up"]`))
	env.waitJS("voted", `location.hash === "#natter-comment-1" && (document.querySelector('#natter-comment-1 [data-testid="vote-score"]') || {textContent: ""}).textContent.trim() === "1"`)
	hostHTMXWorks(env)
	env.noConsoleErrors()
}

// TestBrowserHostHTMX4IssoPage: a page written for Isso that also runs
// htmx 4 gets the plain thread in #isso-thread, its data-isso-* settings
// honoured.
func TestBrowserHostHTMX4IssoPage(t *testing.T) {
	env, _ := newHostHTMXEnv(t, filepath.Join("testdata", "htmx4.min.js"))
	env.seed("/legacy/", "Bob", "Written under Isso.")
	url := env.page("/legacy/", `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Isso page</title>
<script src="/host-htmx.js"></script></head><body>
<script data-isso="NATTER/" data-isso-lang="zh" data-isso-vote="false" src="NATTER/js/embed.min.js"></script>
<section id="isso-thread" data-title="Legacy"></section>
</body></html>`)
	env.run("load", chromedp.Navigate(url), visible(`#isso-thread [data-natter-plain] `+root))
	if got := env.text(`[data-testid="thread-count"]`); got != "1 条评论" {
		t.Errorf("heading = %q (data-isso-lang)", got)
	}
	if n := countSel(env, `[data-testid="vote-up"]`); n != 0 {
		t.Errorf("data-isso-vote=false ignored: %d vote buttons", n)
	}
	env.noConsoleErrors()
}
