package embed_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/natter/natter/internal/comment"
)

// TestBrowserNeighbourIsNotTheAuthor: a comment written by another reader
// on the same network (127.0.0.5 beside the browser's 127.0.0.1, one /24)
// can be answered, and a refused vote on it is explained in words about
// the network; the reader's own comment (by its token) may not be voted on.
func TestBrowserNeighbourIsNotTheAuthor(t *testing.T) {
	env := newBrowserEnv(t, "")
	text, author := "Written next door.", "Neighbour"
	c, err := env.site.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text, Author: &author}, URI: "/post-1"}, comment.Actor{IP: "127.0.0.5"})
	if err != nil {
		t.Fatal(err)
	}
	card := "#natter-comment-" + strconv.FormatInt(c.ID, 10)
	env.run("load", chromedp.Navigate(env.page("/post-1", hostPage(""))), visible(root))
	env.run("reply", click(card+` [data-testid="reply"]`))
	env.waitJS("reply form", `!!document.querySelector('[data-testid="reply-form"] textarea')`)
	env.run("reply text", keys(`[data-testid="reply-form"] textarea`, "Answering my neighbour"),
		click(`[data-testid="reply-form"] [data-testid="submit"]`))
	env.waitJS("reply posted", `document.querySelectorAll('[data-testid="comment"]').length === 2`)

	env.run("vote on the neighbour's", click(card+` [data-testid="vote-up"]`))
	env.waitJS("vote message", `!!document.querySelector('`+card+` [data-testid="vote-message"]')`)
	if got := env.text(card + ` [data-testid="vote-message"]`); !strings.Contains(got, "someone on your network") {
		t.Errorf("neighbour's comment: %q", got)
	}
	env.run("vote on my own", click(`[data-testid="replies"] [data-testid="vote-up"]`))
	env.waitJS("own vote message", `!!document.querySelector('[data-testid="replies"] [data-testid="vote-message"]')`)
	env.shot("widget-votes-refused")
	if got := env.text(`[data-testid="replies"] [data-testid="vote-message"]`); got != "You cannot vote on your own comment." {
		t.Errorf("own comment: %q", got)
	}
	env.noConsoleErrors()
}

// TestBrowserVoteDown: the vote form posts in place with the button that
// was clicked, so a down vote counts down.
func TestBrowserVoteDown(t *testing.T) {
	env := newBrowserEnv(t, "")
	card := "#natter-comment-" + strconv.FormatInt(env.seed("/post-1", "Bob", "Vote me down."), 10)
	env.run("load", chromedp.Navigate(env.page("/post-1", hostPage(""))), visible(root))
	env.run("vote down", click(card+` [data-testid="vote-down"]`))
	env.waitJS("voted down", `document.querySelector('`+card+` [data-testid="vote-score"]').textContent.trim() === "-1"`)
	env.noConsoleErrors()
}
