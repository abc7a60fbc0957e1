package embed_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

// browserEnv is Natter on one origin, a host page server on another, and
// a headless Chromium.
type browserEnv struct {
	t       *testing.T
	site    *testsite.Site
	natter  string // http://127.0.0.1:port
	host    string // http://127.0.0.1:otherport
	pages   map[string]string
	scripts map[string][]byte // served as JavaScript from the host origin
	mu      sync.Mutex
	ctx     context.Context
	errors  []string
	errorMu sync.Mutex
	allowed []string // console messages expected by the test
}

// allow ignores console messages containing s: Chromium logs every 4xx
// response ("Failed to load resource: … status of 422"), which is how the
// widget's inline refusals arrive.
func (env *browserEnv) allow(s string) {
	env.errorMu.Lock()
	defer env.errorMu.Unlock()
	env.allowed = append(env.allowed, s)
}

func newBrowserEnv(t *testing.T, extraConfig string) *browserEnv {
	t.Helper()
	env := &browserEnv{t: t, pages: map[string]string{}, scripts: map[string][]byte{}}
	hostSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		env.mu.Lock()
		page, ok := env.pages[r.URL.Path]
		script, isScript := env.scripts[r.URL.Path]
		env.mu.Unlock()
		if isScript {
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			_, _ = w.Write(script)
			return
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, strings.ReplaceAll(page, "NATTER", env.natter))
	}))
	t.Cleanup(hostSrv.Close)
	env.host = hostSrv.URL
	env.site = testsite.New(t, testsite.Options{Config: "[general]\nhost = " + env.host + "\n[guard]\nratelimit = 100\ndirect-reply = 100\n" + extraConfig})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env.natter = "http://" + ln.Addr().String()
	go func() { _ = env.site.App.Listener(ln) }()
	t.Cleanup(func() { _ = env.site.App.Shutdown() })

	ctx := testsite.Browser(t, chromedp.WindowSize(1280, 900))
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				env.addError(m.String() + " " + m.URL)
			}
		}
	}()
	env.ctx = ctx
	return env
}

func (env *browserEnv) addError(s string) {
	env.errorMu.Lock()
	defer env.errorMu.Unlock()
	for _, a := range env.allowed {
		if strings.Contains(s, a) {
			return
		}
	}
	env.errors = append(env.errors, s)
}

// page registers a host page; "NATTER" in it becomes Natter's URL.
func (env *browserEnv) page(path, body string) string {
	env.mu.Lock()
	defer env.mu.Unlock()
	env.pages[path] = body
	return env.host + path
}

// script serves a JavaScript file from the host origin.
func (env *browserEnv) script(path string, body []byte) string {
	env.mu.Lock()
	defer env.mu.Unlock()
	env.scripts[path] = body
	return env.host + path
}

// run executes actions one by one, failing the test with the step's
// name; an action whose node was swapped away meanwhile is tried again.
func (env *browserEnv) run(step string, actions ...chromedp.Action[chromedp.Void]) {
	env.t.Helper()
	for _, a := range actions {
		if err := testsite.Retry(env.ctx, func() error { return chromedp.Do(env.ctx, a) }); err != nil {
			env.t.Fatalf("%s: %v (console errors: %v)", step, err, env.consoleErrors())
		}
	}
}

// waitJS polls a boolean JavaScript expression.
func (env *browserEnv) waitJS(step, expr string) {
	env.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if ok, err := chromedp.Run(env.ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			html, _ := chromedp.Run(env.ctx, chromedp.OuterHTML(chromedp.CSS("body")))
			env.t.Fatalf("%s: timed out waiting for %s\nconsole errors: %v\nbody: %.3000s", step, expr, env.consoleErrors(), html)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (env *browserEnv) text(sel string) string {
	env.t.Helper()
	var s string
	err := testsite.Retry(env.ctx, func() (err error) {
		s, err = chromedp.Run(env.ctx, chromedp.TextContent(chromedp.CSS(sel)))
		return err
	})
	if err != nil {
		env.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func evalAs[T any](env *browserEnv, expr string) T {
	env.t.Helper()
	v, err := chromedp.Run(env.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		env.t.Fatalf("eval %s: %v", expr, err)
	}
	return v
}

// media emulates prefers-color-scheme.
func media(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

func (env *browserEnv) consoleErrors() []string {
	env.errorMu.Lock()
	defer env.errorMu.Unlock()
	return append([]string(nil), env.errors...)
}

func (env *browserEnv) noConsoleErrors() {
	env.t.Helper()
	if errs := env.consoleErrors(); len(errs) > 0 {
		env.t.Errorf("console errors: %q", errs)
	}
}

// seed posts a comment as another reader (another address).
func (env *browserEnv) seed(uri, author, text string) int64 {
	env.t.Helper()
	in := comment.CreateInput{Input: comment.Input{Text: &text, Author: &author}, URI: uri}
	c, err := env.site.Site.Comments.Create(context.Background(), in, comment.Actor{IP: "10.9.8.7"})
	if err != nil {
		env.t.Fatal(err)
	}
	return c.ID
}

const snippetPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<script src="NATTER/embed.js" defer></script></head>
<body><article><h1>A blog post</h1><p>Some text.</p></article>
<div id="comments" hx-get="NATTER/embed/thread?uri=/post-1" hx-trigger="load" ATTRS></div>
</body></html>`

func hostPage(attrs string) string { return strings.Replace(snippetPage, "ATTRS", attrs, 1) }

const root = `[data-testid="natter-root"]`

func TestBrowserThreadLifecycle(t *testing.T) {
	env := newBrowserEnv(t, "")
	other := env.seed("/post-1", "Bob", "First comment by **Bob**.")
	url := env.page("/post-1", hostPage(""))

	env.run("load", chromedp.Navigate(url), visible(root))
	if got := env.text(`[data-testid="thread-count"]`); got != "One comment" {
		t.Errorf("count heading = %q", got)
	}
	if got := env.text(`#natter-comment-1 [data-testid="comment-body"]`); !strings.Contains(got, "First comment by Bob") {
		t.Errorf("seeded comment body = %q", got)
	}

	// Preview renders Markdown without posting.
	env.run("type", keys(`[data-testid="post-form"] [data-testid="field-text"]`, "Hello *preview*"),
		keys(`[data-testid="post-form"] [data-testid="field-author"]`, "Ann"),
		click(`[data-testid="post-form"] [data-testid="preview"]`))
	env.waitJS("preview", `!!document.querySelector('[data-testid="preview-body"] em')`)

	// Post.
	env.run("post", click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 2`)
	if got := env.text(`[data-testid="thread-count"]`); got != "2 comments" {
		t.Errorf("count after post = %q", got)
	}
	if got := env.text(`[data-testid="live"]`); got != "Your comment was posted." {
		t.Errorf("live region = %q", got)
	}
	var own int64 = other + 1
	ownSel := fmt.Sprintf("#natter-comment-%d", own)
	env.waitJS("own controls", `!!document.querySelector('`+ownSel+` [data-testid="edit"]')`)
	tokens := evalAs[string](env, `localStorage.getItem("natter:`+env.natter+`:tokens") || ""`)
	if !strings.Contains(tokens, fmt.Sprintf(`"%d"`, own)) {
		t.Errorf("token not kept in localStorage: %q", tokens)
	}
	remembered := evalAs[string](env, `localStorage.getItem("natter:`+env.natter+`:me") || ""`)
	if !strings.Contains(remembered, `"author":"Ann"`) {
		t.Errorf("author not remembered: %q", remembered)
	}

	// Reload: the token, not a cookie, keeps the edit controls; the form is pre-filled.
	env.run("reload", chromedp.Navigate(url), visible(root))
	env.waitJS("edit after reload", `!!document.querySelector('`+ownSel+` [data-testid="edit"]')`)
	env.waitJS("prefill", `document.querySelector('[data-testid="post-form"] [data-testid="field-author"]').value === "Ann"`)
	if n := countSel(env, fmt.Sprintf("#natter-comment-%d [data-testid=edit]", other)); n != 0 {
		t.Errorf("edit shown on someone else's comment")
	}

	// Vote on Bob's comment.
	env.run("vote", click(fmt.Sprintf(`#natter-comment-%d [data-testid="vote-up"]`, other)))
	env.waitJS("voted", fmt.Sprintf(`document.querySelector('#natter-comment-%d [data-testid="vote-score"]').textContent.trim() === "1"`, other))

	// Reply inline under Bob's comment.
	env.run("reply", click(fmt.Sprintf(`#natter-comment-%d [data-testid="reply"]`, other)))
	env.waitJS("reply form", `!!document.querySelector('[data-testid="reply-form"] textarea')`)
	env.run("reply text", keys(`[data-testid="reply-form"] textarea`, "A reply to Bob"),
		click(`[data-testid="reply-form"] [data-testid="submit"]`))
	env.waitJS("reply posted", fmt.Sprintf(`(document.querySelector('#natter-replies-%d') || {textContent: ""}).textContent.includes("A reply to Bob")`, other))
	env.waitJS("reply form gone", `!document.querySelector('[data-testid="reply-form"]')`)

	// Edit own comment.
	env.run("edit", click(ownSel+` [data-testid="edit"]`))
	env.waitJS("edit form", `!!document.querySelector('[data-testid="edit-form"] textarea')`)
	env.run("edit text", setv(`[data-testid="edit-form"] textarea`, "Edited **text**"),
		click(`[data-testid="edit-form"] [data-testid="save"]`))
	env.waitJS("edited", `(document.querySelector('`+ownSel+` [data-testid="comment-body"] strong') || {}).textContent === "text"`)
	if n := countSel(env, ownSel+` [data-testid="comment-edited"]`); n != 1 {
		t.Errorf("edited marker missing")
	}

	// Delete own comment (with confirmation).
	env.run("delete", click(ownSel+` [data-testid="delete"]`))
	env.waitJS("confirm", `!!document.querySelector('[data-testid="confirm-delete-yes"]')`)
	env.run("confirm delete", click(`[data-testid="confirm-delete-yes"]`))
	env.waitJS("deleted", `!document.querySelector('`+ownSel+`')`)
	if got := env.text(`[data-testid="thread-count"]`); got != "2 comments" {
		t.Errorf("count after delete = %q (Bob's comment and the reply remain)", got)
	}

	// The host page's own markup was not touched by the widget stylesheet.
	margin := evalAs[string](env, `getComputedStyle(document.body).margin`)
	if margin != "8px" {
		t.Errorf("host body margin changed to %q", margin)
	}
	env.noConsoleErrors()
}

func countSel(env *browserEnv, sel string) int {
	return evalAs[int](env, `document.querySelectorAll('`+sel+`').length`)
}

func TestBrowserInlineError(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.allow("status of 422 (Unprocessable Entity) " + env.natter + "/embed/comments?")
	url := env.page("/post-1", hostPage(""))
	env.run("load", chromedp.Navigate(url), visible(root),
		keys(`[data-testid="post-form"] [data-testid="field-text"]`, "ab"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("error", `!!document.querySelector('[data-testid="post-form"] [data-testid="form-error"]')`)
	if got := env.text(`[data-testid="form-error"]`); !strings.Contains(got, "too short") {
		t.Errorf("inline error = %q", got)
	}
	kept := evalAs[string](env, `document.querySelector('[data-testid="post-form"] [data-testid="field-text"]').value`)
	invalid := evalAs[string](env, `document.querySelector('[data-testid="post-form"] [data-testid="field-text"]').getAttribute("aria-invalid")`)
	if kept != "ab" || invalid != "true" {
		t.Errorf("text kept = %q, aria-invalid = %q", kept, invalid)
	}
	env.noConsoleErrors()
}

// TestBrowserUnreachable: a failure that is not one of Natter's refusals
// (the body limit, the server gone) swaps nothing, keeps the reader's text
// and says so inline, in the comment form or at the comment voted on.
func TestBrowserUnreachable(t *testing.T) {
	env := newBrowserEnv(t, "")
	// Chromium and htmx log the failed requests themselves.
	for _, s := range []string{"htmx:sendError", "htmx:responseError", "htmx:afterRequest", "Response Status Error Code 413", "Failed to load resource", "net::ERR_"} {
		env.allow(s)
	}
	env.seed("/post-1", "Ann", "A comment to vote on")
	url := env.page("/post-1", hostPage(""))
	form := `[data-testid="post-form"]`
	msg := form + ` [data-testid="unreachable"]`
	env.run("load", chromedp.Navigate(url), visible(root))
	if _, err := chromedp.Run(env.ctx, chromedp.Evaluate[int](`(document.querySelector('`+form+` [data-testid="field-text"]').value = "a".repeat(300 * 1024)).length`)); err != nil {
		t.Fatal(err)
	}
	env.run("submit too large", click(form+` [data-testid="submit"]`))
	env.waitJS("message", `!!document.querySelector('`+msg+`')`)
	if got := env.text(msg); !strings.Contains(got, "your text is still here") {
		t.Errorf("message = %q", got)
	}
	if n := evalAs[int](env, `document.querySelector('`+form+` [data-testid="field-text"]').value.length`); n != 300*1024 {
		t.Errorf("text after the failure has %d characters, want %d", n, 300*1024)
	}
	if n := countSel(env, `[data-testid="comment"]`); n != 1 {
		t.Errorf("%d comments shown, want the seeded one", n)
	}

	_ = env.site.App.Shutdown()
	env.run("vote while the server is gone", click(`[data-testid="vote-up"]`))
	env.waitJS("vote message", `!!document.querySelector('article [data-testid="unreachable"]')`)
	if got := env.text(`article [data-testid="unreachable"]`); got != "The comment server could not be reached. Please try again." {
		t.Errorf("vote message = %q", got)
	}
	env.run("retry the post", setv(form+` [data-testid="field-text"]`, "A short one"), click(form+` [data-testid="submit"]`))
	env.waitJS("one message per place", `document.querySelectorAll('`+msg+`').length === 1`)
	if v := evalAs[string](env, `document.querySelector('`+form+` [data-testid="field-text"]').value`); v != "A short one" {
		t.Errorf("text after the server went away = %q", v)
	}
	if dir := os.Getenv("NATTER_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(env.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "widget-unreachable.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env.noConsoleErrors()
}

// TestBrowserPaging: "show more" appends in place on the host page, for
// top-level comments and for a long reply list.
func TestBrowserPaging(t *testing.T) {
	env := newBrowserEnv(t, "")
	first := env.seed("/post-1", "Bob", "Comment 0 with replies.")
	for i := 1; i < 25; i++ {
		env.seed("/post-1", "Bob", fmt.Sprintf("Comment %d here.", i))
	}
	for i := range 8 {
		text, author := fmt.Sprintf("Reply %d here.", i), "Cy"
		in := comment.CreateInput{Input: comment.Input{Text: &text, Author: &author}, Parent: &first, URI: "/post-1"}
		if _, err := env.site.Site.Comments.Create(context.Background(), in, comment.Actor{IP: fmt.Sprintf("10.%d.0.1", i+20)}); err != nil {
			t.Fatal(err)
		}
	}
	url := env.page("/post-1", hostPage(""))
	env.run("load", chromedp.Navigate(url), visible(root))
	top := `[data-testid="comment-list"] > li`
	if n := countSel(env, top); n != 20 {
		t.Fatalf("%d top-level comments on the first page, want 20", n)
	}
	if n := countSel(env, `#natter-item-1 [data-testid="comment"]`); n != 1+5 {
		t.Errorf("first comment shows %d cards, want itself and 5 replies", n)
	}
	env.run("more comments", click(`[data-testid="more-comments"]`))
	env.waitJS("25 comments", `document.querySelectorAll('`+top+`').length === 25`)
	env.run("more replies", click(`#natter-item-1 [data-testid="more-replies"]`))
	env.waitJS("8 replies", `document.querySelectorAll('#natter-item-1 [data-testid="comment"]').length === 9`)
	if got := evalAs[string](env, `location.href`); got != url {
		t.Errorf("paging navigated to %s", got)
	}
	if n := countSel(env, `[data-testid="more-comments"], [data-testid="more-replies"]`); n != 0 {
		t.Errorf("%d more controls left after showing everything", n)
	}
	env.noConsoleErrors()
}

func TestBrowserChinese(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.allow("status of 422 (Unprocessable Entity) " + env.natter + "/embed/comments?")
	url := env.page("/post-1", hostPage(`data-natter-lang="zh-CN"`))
	env.run("load", chromedp.Navigate(url), visible(root))
	if got := env.text(`[data-testid="thread-count"]`); got != "还没有评论" {
		t.Errorf("heading = %q", got)
	}
	env.run("post short", keys(`[data-testid="field-text"]`, "短"),
		click(`[data-testid="submit"]`))
	env.waitJS("error", `!!document.querySelector('[data-testid="form-error"]')`)
	if got := env.text(`[data-testid="form-error"]`); !strings.Contains(got, "评论太短") {
		t.Errorf("error = %q", got)
	}
	env.run("post", setv(`[data-testid="field-text"]`, "你好，世界！"),
		click(`[data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 1`)
	if got := env.text(`[data-testid="thread-count"]`); got != "1 条评论" {
		t.Errorf("heading = %q", got)
	}
	if got := env.text(`[data-testid="reply"]`); got != "回复" {
		t.Errorf("reply = %q", got)
	}
	env.noConsoleErrors()
}

func TestBrowserDarkMode(t *testing.T) {
	env := newBrowserEnv(t, "")
	url := env.page("/post-1", hostPage(""))
	env.run("dark", media("dark"),
		chromedp.Navigate(url), visible(root))
	env.waitJS("stylesheet", `getComputedStyle(document.querySelector('`+root+`')).backgroundColor === "rgb(17, 24, 39)"`)
	// Forced light theme wins over the reader's preference.
	forced := env.page("/light", hostPage(`data-natter-theme="light"`))
	env.run("forced light", chromedp.Navigate(forced), visible(root))
	env.waitJS("light", `getComputedStyle(document.querySelector('`+root+`')).backgroundColor === "rgb(255, 255, 255)"`)
	// And a forced dark theme in a light browser.
	env.run("light browser", media("light"))
	dark := env.page("/dark", hostPage(`data-natter-theme="dark"`))
	env.run("forced dark", chromedp.Navigate(dark), visible(root))
	env.waitJS("dark", `getComputedStyle(document.querySelector('`+root+`')).backgroundColor === "rgb(17, 24, 39)"`)
	env.noConsoleErrors()
}

const hostileCSS = `<style>
* { margin: 30px; padding: 12px; font-family: "Comic Sans MS", serif; letter-spacing: 3px; box-sizing: content-box; }
p { font-size: 40px; color: red; text-transform: uppercase; }
a { color: orange; font-weight: 900; }
button { background: hotpink; border: 6px dashed lime; border-radius: 0; font-size: 30px; padding: 20px; width: 300px; }
textarea, input { background: yellow; border: 8px solid purple; }
ol, ul, li { list-style: square; }
h2 { font-size: 64px; }
</style>`

func TestBrowserHostileStylesheet(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.seed("/post-1", "Bob", "A paragraph that must not turn red.")
	page := strings.Replace(hostPage(""), "</head>", hostileCSS+"</head>", 1)
	url := env.page("/post-1", page)
	env.run("load", chromedp.Navigate(url), visible(root))
	env.waitJS("stylesheet", `getComputedStyle(document.querySelector('`+root+`')).fontFamily.indexOf("system-ui") >= 0`)
	checks := map[string]string{
		`getComputedStyle(document.querySelector('[data-testid="comment-body"] p')).fontSize`:          "16px",
		`getComputedStyle(document.querySelector('[data-testid="comment-body"] p')).color`:             "rgb(31, 41, 55)",
		`getComputedStyle(document.querySelector('[data-testid="comment-body"] p')).margin`:            "0px",
		`getComputedStyle(document.querySelector('[data-testid="submit"]')).backgroundColor`:           "rgb(29, 78, 216)",
		`getComputedStyle(document.querySelector('[data-testid="submit"]')).fontSize`:                  "14px",
		`getComputedStyle(document.querySelector('[data-testid="field-text"]')).backgroundColor`:       "rgb(255, 255, 255)",
		`getComputedStyle(document.querySelector('[data-testid="comment-item"]')).listStyleType`:       "none",
		`getComputedStyle(document.querySelector('[data-testid="thread-count"]')).fontSize`:            "18px",
		`getComputedStyle(document.querySelector('[data-testid="comment-author"]')).letterSpacing`:     "normal",
		`getComputedStyle(document.querySelector('[data-testid="field-text"]')).boxSizing`:             "border-box",
		`getComputedStyle(document.querySelector('article h1')).fontFamily.indexOf("Comic") >= 0 + ""`: "true",
		`getComputedStyle(document.querySelector('article p')).fontSize`:                               "40px",
	}
	for expr, want := range checks {
		got := evalAs[string](env, `String(`+expr+`)`)
		if got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	// Still works: post a comment.
	env.run("post", keys(`[data-testid="field-text"]`, "Survived the stylesheet"),
		click(`[data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 2`)
	env.noConsoleErrors()
}

func TestBrowserLegacyIssoPage(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.seed("/legacy/", "Bob", "Written under Isso.")
	page := `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Isso page</title></head><body>
<p><a id="counter" href="/legacy/#isso-thread">comments</a></p>
<script data-isso="NATTER/" data-isso-lang="zh" data-isso-vote="false" data-isso-sorting="newest"
  src="NATTER/js/embed.min.js"></script>
<section id="isso-thread" data-title="Legacy"></section>
</body></html>`
	url := env.page("/legacy/", page)
	env.run("load", chromedp.Navigate(url), visible(`#isso-thread `+root))
	if got := env.text(`[data-testid="thread-count"]`); got != "1 条评论" {
		t.Errorf("heading = %q (data-isso-lang)", got)
	}
	if n := countSel(env, `[data-testid="vote-up"]`); n != 0 {
		t.Errorf("data-isso-vote=false ignored: %d vote buttons", n)
	}
	env.waitJS("counter", `document.getElementById("counter").textContent === "1 条评论"`)
	env.run("post", keys(`[data-testid="field-text"]`, "Posted through the Isso page"),
		click(`[data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 2`)
	// Newest first (data-isso-sorting): the new comment is at the top.
	env.waitJS("newest first", `document.querySelector('[data-testid="comment-body"]').textContent.includes("Posted through")`)
	env.noConsoleErrors()
}

// TestBrowserScreenshots renders the widget in light and dark at phone and
// desktop widths; set NATTER_SCREENSHOTS=dir to keep the PNGs.
func TestBrowserScreenshots(t *testing.T) {
	env := newBrowserEnv(t, "")
	a := env.seed("/post-1", "Bob", "This is a **great** post. I especially liked the part about `htmx` and server-rendered widgets.\n\n> Quoted text\n\nSecond paragraph with a [link](https://example.com).")
	env.seed("/post-1", "Carol", "I disagree, but politely.")
	text, author := "Thanks Bob!", "Dana"
	if _, err := env.site.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text, Author: &author}, URI: "/post-1", Parent: &a}, comment.Actor{IP: "10.1.1.1"}); err != nil {
		t.Fatal(err)
	}
	url := env.page("/post-1", hostPage(""))
	dir := os.Getenv("NATTER_SCREENSHOTS")
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int64{360, 1280} {
			env.run("shot", media(scheme),
				viewport(width),
				chromedp.Navigate(url), visible(root))
			env.waitJS("css", `getComputedStyle(document.querySelector('`+root+`')).fontFamily.indexOf("system-ui") >= 0`)
			png, err := chromedp.Run(env.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			overflow := evalAs[bool](env, `document.documentElement.scrollWidth > window.innerWidth`)
			if overflow {
				t.Errorf("%s %dpx: horizontal overflow", scheme, width)
			}
			if dir != "" {
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("widget-%s-%d.png", scheme, width)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	env.noConsoleErrors()
}

func click(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }
func keys(sel, v string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(chromedp.CSS(sel), v)
}
func setv(sel, v string) chromedp.Action[chromedp.Void] {
	return chromedp.SetValue(chromedp.CSS(sel), v)
}
func visible(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(sel))
}

func viewport(width int64) chromedp.Action[chromedp.Void] {
	if width < 500 {
		return chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(width, 900)
}
