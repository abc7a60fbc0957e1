package embed_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// noScript disables JavaScript in the page, as for a reader without it.
func noScript() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
}

// TestBrowserNoJSThread drives Natter's plain thread page with JavaScript
// disabled: an inline refusal, post, reply, vote on another reader's
// comment, edit and delete of one's own comment, all through links and
// form posts that redirect back to the page.
func TestBrowserNoJSThread(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.allow("status of 422 (Unprocessable Entity)") // the refused post and edit
	env.allow("/favicon.ico")                         // Natter's own page names no icon
	bob := env.seed("/post-1", "Bob", "First comment by **Bob**.")
	bobSel := fmt.Sprintf("#natter-comment-%d", bob)
	page := env.natter + "/embed/thread?uri=/post-1&page=" + env.host + "/post-1"

	env.run("load without JS", noScript(), chromedp.Navigate(page), visible(`[data-testid="nojs-page"]`), visible(root))
	if evalAs[bool](env, `typeof window.htmx !== "undefined"`) {
		t.Fatal("htmx present on the plain page")
	}

	// An inline refusal, in place of the form, with the text kept.
	env.run("short post", keys(`[data-testid="post-form"] [data-testid="field-text"]`, "ab"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("refusal", `!!document.querySelector('[data-testid="post-form"] [data-testid="form-error"]')`)
	if got := env.text(`[data-testid="post-form"] [data-testid="form-error"]`); !strings.Contains(got, "too short") {
		t.Errorf("refusal = %q", got)
	}
	if got := evalAs[string](env, `document.querySelector('[data-testid="post-form"] [data-testid="field-text"]').value`); got != "ab" {
		t.Errorf("text kept = %q", got)
	}

	// Preview: the page again with the rendered text; nothing stored.
	env.run("preview", setv(`[data-testid="post-form"] [data-testid="field-text"]`, "Posted *without* JavaScript"),
		keys(`[data-testid="post-form"] [data-testid="field-author"]`, "Ann"),
		click(`[data-testid="post-form"] [data-testid="preview"]`))
	env.waitJS("previewed", `!!document.querySelector('[data-testid="post-form"] [data-testid="preview-body"] em')`)
	if got := evalAs[string](env, `document.querySelector('[data-testid="post-form"] [data-testid="field-author"]').value`); got != "Ann" {
		t.Errorf("author after preview = %q", got)
	}
	if n := countSel(env, `[data-testid="comment"]`); n != 1 {
		t.Errorf("%d comments after a preview, want 1", n)
	}

	// Post: a normal form post, redirected back to the page at the comment.
	env.run("post", setv(`[data-testid="post-form"] [data-testid="field-text"]`, "Posted without JavaScript"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 2 && location.hash.indexOf("#natter-comment-") === 0`)
	ownSel := evalAs[string](env, `location.hash`)
	if got := env.text(`[data-testid="thread-count"]`); got != "2 comments" {
		t.Errorf("count after post = %q", got)
	}
	// The convenience cookie (first-party here) shows edit and delete.
	env.waitJS("own controls", `!!document.querySelector('`+ownSel+` [data-testid="edit"]')`)
	if n := countSel(env, bobSel+` [data-testid=edit]`); n != 0 {
		t.Error("edit shown on Bob's comment")
	}

	// Reply under Bob's comment.
	env.run("reply link", click(bobSel+` [data-testid="reply"]`))
	env.waitJS("reply form", `!!document.querySelector('#natter-slot-`+fmt.Sprint(bob)+` [data-testid="reply-form"] textarea')`)
	env.run("reply", keys(`[data-testid="reply-form"] textarea`, "A reply to Bob, no script"),
		click(`[data-testid="reply-form"] [data-testid="submit"]`))
	env.waitJS("replied", fmt.Sprintf(`(document.querySelector('#natter-replies-%d') || {textContent: ""}).textContent.includes("A reply to Bob, no script") && !document.querySelector('[data-testid="reply-form"]')`, bob))

	// Vote on Bob's comment.
	env.run("vote", click(bobSel+` [data-testid="vote-up"]`))
	env.waitJS("voted", `document.querySelector('`+bobSel+` [data-testid="vote-score"]').textContent.trim() === "1"`)
	// Again: refused, and said so next to the buttons.
	env.run("vote again", click(bobSel+` [data-testid="vote-up"]`))
	env.waitJS("vote refused", `!!document.querySelector('`+bobSel+` [data-testid="vote-message"]')`)

	// Edit own comment: a refusal first, then saved.
	env.run("edit link", click(ownSel+` [data-testid="edit"]`))
	env.waitJS("edit form", `!!document.querySelector('[data-testid="edit-form"] textarea')`)
	env.run("short edit", setv(`[data-testid="edit-form"] textarea`, "no"), click(`[data-testid="edit-form"] [data-testid="save"]`))
	env.waitJS("edit refusal", `!!document.querySelector('[data-testid="edit-form"] [data-testid="form-error"]')`)
	env.run("edit", setv(`[data-testid="edit-form"] textarea`, "Edited **without** JavaScript"),
		click(`[data-testid="edit-form"] [data-testid="save"]`))
	env.waitJS("edited", `(document.querySelector('`+ownSel+` [data-testid="comment-body"] strong') || {}).textContent === "without"`)
	if n := countSel(env, ownSel+` [data-testid="comment-edited"]`); n != 1 {
		t.Error("edited marker missing")
	}
	if got := env.text(`[data-testid="slot-notice"]`); got != "Your comment was updated." {
		t.Errorf("edit notice = %q", got)
	}
	// The renewed cookie still grants edit and delete.
	env.waitJS("still own", `!!document.querySelector('`+ownSel+` [data-testid="delete"]')`)

	// Delete own comment, through the confirmation page.
	env.run("delete link", click(ownSel+` [data-testid="delete"]`))
	env.waitJS("confirm", `!!document.querySelector('[data-testid="confirm-delete"] [data-testid="confirm-delete-yes"]')`)
	env.run("confirm delete", click(`[data-testid="confirm-delete-yes"]`))
	env.waitJS("deleted", `!document.querySelector('`+ownSel+`') && !!document.querySelector('[data-testid="form-notice"]')`)
	if got := env.text(`[data-testid="thread-count"]`); got != "2 comments" {
		t.Errorf("count after delete = %q (Bob's comment and the reply remain)", got)
	}
	if got := env.text(`[data-testid="back"]`); got == "" {
		t.Error("no link back to the host page")
	}
	env.noConsoleErrors()
}
