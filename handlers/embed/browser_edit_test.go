package embed_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserEditKeepsTheCard: editing keeps the card's avatar and
// author, shows the Markdown hint and previews before saving.
func TestBrowserEditKeepsTheCard(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.run("load", chromedp.Navigate(env.page("/post-1", hostPage(""))), visible(root))
	env.run("post", keys(`[data-testid="post-form"] [data-testid="field-author"]`, "Ann"),
		keys(`[data-testid="post-form"] [data-testid="field-text"]`, "First version"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("posted", `!!document.querySelector('[data-testid="edit"]')`)
	env.run("edit", click(`[data-testid="edit"]`))
	env.waitJS("edit form", `!!document.querySelector('article [data-testid="edit-form"]')`)
	card := `document.querySelector('article [data-testid="edit-form"]').closest("article")`
	if got := evalAs[string](env, card+`.querySelector('[data-testid="comment-author"]').textContent`); got != "Ann" {
		t.Errorf("author while editing = %q", got)
	}
	if !evalAs[bool](env, `!!`+card+`.querySelector('[data-testid="avatar"]') && !!`+card+`.querySelector('[data-testid="edit-hint"]')`) {
		t.Error("no avatar or Markdown hint while editing")
	}
	env.run("preview", setv(`[data-testid="edit-text"]`, "Second *version*"), click(`[data-testid="edit-preview"]`))
	env.waitJS("preview", `!!document.querySelector('[data-testid="edit-form"] [data-testid="preview-body"] em')`)
	env.shot("widget-edit-preview")
	env.run("save", click(`[data-testid="save"]`))
	env.waitJS("saved", `!document.querySelector('[data-testid="edit-form"]') && document.querySelector('[data-testid="comment-body"] em') !== null`)
	if n := countSel(env, `article article`); n != 0 {
		t.Errorf("%d cards nested in cards after saving", n)
	}
	env.noConsoleErrors()
}
