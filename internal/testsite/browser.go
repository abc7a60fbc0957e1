package testsite

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium finds the browser for browser tests: $CHROME_PATH, else the
// first of chromium, chromium-browser, google-chrome on PATH. Without one
// the test is skipped with how to install it, except under CI=true, where
// a missing browser fails the run.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("CHROME_PATH=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "browser tests need Chromium: apt-get install chromium (bash .ci/run does), or set CHROME_PATH"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Browser starts a headless Chromium for t with the flags this machine
// needs (no sandbox as root, no background networking) plus extra, and
// returns a context bounded by the test's lifetime and 3 minutes.
func Browser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}, extra...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(bctx, 3*time.Minute)
	t.Cleanup(cancelT)
	return ctx
}

// Transient reports DOM errors that mean "the node was replaced while
// being looked up" (an htmx swap or a navigation in between): the action
// did nothing and can be tried again once the page settles.
func Transient(err error) bool {
	if err == nil || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	s := err.Error()
	for _, m := range []string{"No node with given id", "Could not find node with given id",
		"Cannot find context with specified id", "Node is detached", "does not belong to the document",
		"Execution context was destroyed", "Inspected target navigated or closed"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// Retry runs do until it succeeds, fails for a reason other than a
// transient DOM error, or 30 s pass; each retry waits for the document to
// be complete first.
func Retry(ctx context.Context, do func() error) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := do()
		if !Transient(err) || time.Now().After(deadline) {
			return err
		}
		_, _ = chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete"`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
	}
}
