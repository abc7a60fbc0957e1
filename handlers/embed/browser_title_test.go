package embed_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/natter/natter/internal/comment"
)

// TestBrowserThreadTakesThePageTitle: a thread created through the
// snippet is named by the host page's <title> (data-natter-title wins),
// not "Untitled.".
func TestBrowserThreadTakesThePageTitle(t *testing.T) {
	env := newBrowserEnv(t, "")
	cases := []struct{ uri, attrs, want string }{
		{"/titled", "", "Post"},
		{"/named", `data-natter-title="Chosen title"`, "Chosen title"},
	}
	for _, c := range cases {
		page := strings.ReplaceAll(hostPage(c.attrs), "/post-1", c.uri)
		env.run("load "+c.uri, chromedp.Navigate(env.page(c.uri, page)), visible(root))
		env.run("post "+c.uri, keys(`[data-testid="post-form"] [data-testid="field-text"]`, "First words here"),
			click(`[data-testid="post-form"] [data-testid="submit"]`))
		env.waitJS("posted "+c.uri, `document.querySelectorAll('[data-testid="comment"]').length === 1`)
		threads, _, err := comment.NewAdmin(env.site.Site.Comments, env.site.Site.DB.Admin()).Threads(context.Background(), comment.ThreadQuery{Search: c.uri, Limit: 5})
		if err != nil || len(threads) != 1 || threads[0].DisplayTitle() != c.want {
			t.Errorf("%s: threads %+v (%v), want the title %q", c.uri, threads, err, c.want)
		}
	}
}
