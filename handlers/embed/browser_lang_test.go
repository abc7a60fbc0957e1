package embed_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPageLanguage: the widget speaks the host page's language
// (<html lang>) to a reader whose browser asks for English, unless the
// snippet names one (data-natter-lang); an Isso page's too.
func TestBrowserPageLanguage(t *testing.T) {
	env := newBrowserEnv(t, "")
	zh := func(attrs string) string {
		return strings.Replace(hostPage(attrs), `<html lang="en">`, `<html lang="zh-CN">`, 1)
	}
	for _, tc := range []struct{ name, page, want string }{
		{"page lang", zh(""), "还没有评论"},
		{"data-natter-lang wins", zh(`data-natter-lang="en"`), "No comments yet"},
		{"Isso page", `<!doctype html><html lang="zh"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script data-isso="NATTER/" src="NATTER/js/embed.min.js"></script><section id="isso-thread"></section></body></html>`, "还没有评论"},
	} {
		url := env.page("/"+strings.ReplaceAll(tc.name, " ", "-"), tc.page)
		env.run(tc.name, chromedp.Navigate(url), visible(root))
		if got := env.text(`[data-testid="thread-count"]`); got != tc.want {
			t.Errorf("%s: heading = %q, want %q", tc.name, got, tc.want)
		}
	}
	env.noConsoleErrors()
}
