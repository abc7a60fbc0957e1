package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/natter/natter/internal/testsite"
)

// TestBrowserTwoSitesWidgets: two blogs on two origins embed the widget
// of their own site of one multi-site Natter; a comment posted on one
// appears there and never on the other.
func TestBrowserTwoSitesWidgets(t *testing.T) {
	ctx := testsite.Browser(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	addr := freePort(t)
	base := "http://" + addr
	hosts := map[string]*httptest.Server{}
	var files []string
	for _, name := range []string{"blog", "notes"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%[1]s post</title>
<script src="%[2]s/%[1]s/embed.js" defer></script></head><body><h1>%[1]s</h1>
<div hx-get="%[2]s/%[1]s/embed/thread?uri=/same" hx-trigger="load"></div></body></html>`, name, base)
		}))
		t.Cleanup(srv.Close)
		hosts[name] = srv
		cfg := fmt.Sprintf("[general]\nname = %s\ndbpath = %s/comments.%%(name)s.db\nhost = %s\n[server]\nlisten = %s\n[guard]\nenabled = false\n", name, dir, srv.URL, base)
		p := filepath.Join(dir, name+".cfg")
		if err := os.WriteFile(p, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var logs strings.Builder
	cmd := exec.Command(bin, "run")
	cmd.Env = append(os.Environ(), "ISSO_SETTINGS="+strings.Join(files, ";"))
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitReady(t, base)

	root := `[data-testid="natter-root"]`
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for _, a := range actions {
			if err := testsite.Retry(ctx, func() error { return chromedp.Do(ctx, a) }); err != nil {
				t.Fatalf("%s: %v\n%s", what, err, logs.String())
			}
		}
	}
	waitJS := func(what, expr string) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
				return
			}
		}
		t.Fatalf("%s: timed out waiting for %s", what, expr)
	}
	step("blog page", chromedp.Navigate(hosts["blog"].URL+"/post"), chromedp.WaitVisible(chromedp.CSS(root)))
	step("post on blog", chromedp.SendKeys(chromedp.CSS(`[data-testid="post-form"] [data-testid="field-text"]`), "Only on the blog"),
		chromedp.Click(chromedp.CSS(`[data-testid="post-form"] [data-testid="submit"]`)))
	waitJS("posted", `[...document.querySelectorAll('[data-testid="comment"]')].some(e => e.textContent.includes("Only on the blog"))`)

	step("notes page", chromedp.Navigate(hosts["notes"].URL+"/post"), chromedp.WaitVisible(chromedp.CSS(root)))
	waitJS("notes thread loaded", `!!document.querySelector('[data-testid="thread-count"]')`)
	if leaked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.textContent.includes("Only on the blog")`)); err != nil || leaked {
		t.Errorf("notes' widget shows blog's comment (%v)", err)
	}
	step("post on notes", chromedp.SendKeys(chromedp.CSS(`[data-testid="post-form"] [data-testid="field-text"]`), "Only in the notes"),
		chromedp.Click(chromedp.CSS(`[data-testid="post-form"] [data-testid="submit"]`)))
	waitJS("posted on notes", `[...document.querySelectorAll('[data-testid="comment"]')].some(e => e.textContent.includes("Only in the notes"))`)
	step("blog again", chromedp.Navigate(hosts["blog"].URL+"/post"), chromedp.WaitVisible(chromedp.CSS(root)))
	waitJS("blog thread", `[...document.querySelectorAll('[data-testid="comment"]')].some(e => e.textContent.includes("Only on the blog"))`)
	if leaked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.textContent.includes("Only in the notes")`)); leaked {
		t.Error("blog's widget shows the notes' comment")
	}
}
