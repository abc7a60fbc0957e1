package embed_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
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

// click clicks sel once htmx has taken it over. htmx enables swapped-in
// content only when it settles (20 ms after the swap): a click in between
// submits a form natively and leaves the host page.
func click(sel string) chromedp.Action[chromedp.Void] {
	ready := fmt.Sprintf(htmxReadyJS, strconv.Quote(sel))
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		deadline := time.Now().Add(10 * time.Second)
		for {
			ok, err := chromedp.Evaluate[bool](ready)(ctx, t)
			if err != nil {
				return err
			}
			if ok {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s: htmx did not take it over within 10 s", sel)
			}
			time.Sleep(5 * time.Millisecond)
		}
		_, err := chromedp.Click(chromedp.CSS(sel))(ctx, t)
		return err
	})
}

// htmxReadyJS is true once the element (%s, a quoted selector) is
// missing, plain HTML, on a page without htmx 2 (no JavaScript, or a
// host's htmx 4, where the widget posts plain forms), or processed by
// htmx: itself or, for a submit button, its form.
const htmxReadyJS = `(() => {
	if (!window.htmx || String(htmx.version).charAt(0) !== '2') return true;
	const hx = '[hx-get],[hx-post],[hx-put],[hx-patch],[hx-delete]';
	const el = document.querySelector(%s);
	const target = !el ? null : el.matches(hx) ? el : (el.form && el.form.matches(hx)) ? el.form : null;
	return !target || !!(target['htmx-internal-data'] || {}).initHash;
})()`

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
