package embed_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/natter/natter/internal/comment"
)

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
