package embed_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserUnlistedOrigin: the snippet on a page whose origin is not in
// [general] host (localhost instead of the listed 127.0.0.1) tells the
// reader that comments are not enabled, not that the server is down, and
// the console tells the site owner which origin to add.
func TestBrowserUnlistedOrigin(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.allow("status of 403 (Forbidden)")
	env.seed("/post-1", "Bob", "Not for unlisted pages.")
	page := strings.Replace(hostPage(""), "<script ", `<script>window.__warns = []; console.warn = function (m) { window.__warns.push(String(m)); };</script><script `, 1)
	url := strings.Replace(env.page("/post-1", page), "127.0.0.1", "localhost", 1)
	unlisted := url[:strings.Index(url, "/post-1")]
	env.run("load", chromedp.Navigate(url), visible(`[data-testid="unlisted"]`))
	env.shot("widget-unlisted")
	if got := env.text(`#comments`); got != "Comments are not enabled for this site." {
		t.Errorf("reader sees %q", got)
	}
	env.waitJS("console hint", `window.__warns.some(function (m) { return m.indexOf("Add `+unlisted+` to [general] host") >= 0; })`)
	if n := countSel(env, `[data-testid="comment"], [data-testid="unreachable"]`); n != 0 {
		t.Errorf("%d comments or unreachable messages shown", n)
	}
	if got := env.site.Site.Unlisted.List(); len(got) != 1 || got[0].Origin != unlisted {
		t.Errorf("record = %+v", got)
	}
	env.noConsoleErrors()
}
