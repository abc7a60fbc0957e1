package embed_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

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
