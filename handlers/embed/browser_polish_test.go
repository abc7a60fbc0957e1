package embed_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPolish, on a phone: the post confirmation is a status that
// fades (not a box like a field), code blocks are the size of code, vote
// arrows are 20 px, the comment's actions stay on one line beside a vote
// message, and dividers are light.
func TestBrowserPolish(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.seed("/post-1", "Bob", "Some code:\n\n```\nfmt.Println(\"hi\")\n```\n\nand `inline` code.")
	page := themedPage("#comments { --natter-notice-time: 300ms; }", "")
	env.run("load", viewport(360), chromedp.Navigate(env.page("/post-1", page)), visible(root))
	env.waitJS("css", cssLoaded)
	env.run("post", keys(`[data-testid="post-form"] [data-testid="field-text"]`, "My own comment, long enough to matter"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("notice", `!!document.querySelector('[data-testid="form-notice"]')`)
	notice := `getComputedStyle(document.querySelector('[data-testid="form-notice"]'))`
	if got := evalAs[string](env, notice+`.borderTopWidth + " " + document.querySelector('[data-testid="form-notice"]').getAttribute("role")`); got != "0px status" {
		t.Errorf("notice border and role: %q", got)
	}
	env.shot("polish-notice-360")
	env.waitJS("notice fades", notice+`.opacity === "0" && `+notice+`.visibility === "hidden"`)

	mine := `[data-testid="comment-item"]:last-child`
	env.run("vote on my own", click(mine+` [data-testid="vote-up"]`))
	env.waitJS("vote message", `!!document.querySelector('`+mine+` [data-testid="vote-message"]')`)
	env.shot("polish-actions-360")
	tops := evalAs[string](env, `Array.from(document.querySelectorAll('`+mine+` [data-testid="actions"] a')).map(function (a) { return Math.round(a.getBoundingClientRect().top); }).join(",")`)
	if parts := strings.Split(tops, ","); len(parts) != 3 || parts[0] != parts[1] || parts[1] != parts[2] {
		t.Errorf("reply, edit and delete tops = %s, want one line", tops)
	}
	checks := map[string]string{
		`getComputedStyle(document.querySelector('pre code')).fontSize`:                                   "14px",
		`Math.round(document.querySelector('[data-testid="vote-up"] svg').getBoundingClientRect().width)`: "20",
		`getComputedStyle(document.querySelector('[data-testid="comment-item"]')).borderBottomColor`:      "rgb(229, 231, 235)",
	}
	for expr, want := range checks {
		if got := evalAs[string](env, `String(`+expr+`)`); got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	env.noConsoleErrors()
}
