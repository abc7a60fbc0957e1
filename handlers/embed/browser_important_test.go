package embed_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// hostileImportant is a host sheet that styles form controls with
// !important, as themes and CSS frameworks do.
const hostileImportant = `<style>
input, textarea, select { width: 120% !important; margin: 20px !important; padding: 30px !important;
  font-size: 30px !important; border: 8px solid purple !important; float: right !important; height: 90px !important; }
button { width: 300px !important; display: block !important; padding: 20px !important; font-size: 30px !important;
  position: relative !important; left: 50px !important; margin: 25px !important; text-transform: uppercase !important; }
</style>`

// TestBrowserHostileImportant: a host sheet with !important rules for
// input, textarea and button does not break the widget's form, on a phone.
func TestBrowserHostileImportant(t *testing.T) {
	env := newBrowserEnv(t, "")
	page := strings.Replace(hostPage(""), "</head>", hostileImportant+"</head>", 1)
	env.run("load", viewport(360), chromedp.Navigate(env.page("/post-1", page)), visible(root))
	env.waitJS("css", cssLoaded)
	env.shot("hostile-important-360")
	form := `document.querySelector('[data-testid="post-form"]').getBoundingClientRect()`
	text := `document.querySelector('[data-testid="post-form"] [data-testid="field-text"]')`
	author := `document.querySelector('[data-testid="post-form"] [data-testid="field-author"]')`
	submit := `document.querySelector('[data-testid="post-form"] [data-testid="submit"]')`
	checks := map[string]string{
		text + `.getBoundingClientRect().right <= ` + form + `.right`:                                       "true",
		text + `.getBoundingClientRect().left >= ` + form + `.left`:                                         "true",
		author + `.getBoundingClientRect().right <= ` + form + `.right`:                                     "true",
		`getComputedStyle(` + author + `).fontSize + " " + getComputedStyle(` + author + `).borderTopWidth`: "16px 1px",
		`getComputedStyle(` + author + `).cssFloat + " " + getComputedStyle(` + author + `).marginLeft`:     "none 0px",
		`Math.round(` + author + `.getBoundingClientRect().height) < 50`:                                    "true",
		`getComputedStyle(` + submit + `).display + " " + getComputedStyle(` + submit + `).fontSize`:        "flex 14px", // inline-flex, blockified in its flex row
		`getComputedStyle(` + submit + `).position + " " + getComputedStyle(` + submit + `).textTransform`:  "static none",
		`Math.round(` + submit + `.getBoundingClientRect().width) < 200`:                                    "true",
		`document.documentElement.scrollWidth <= window.innerWidth`:                                         "true",
	}
	for expr, want := range checks {
		if got := evalAs[string](env, `String(`+expr+`)`); got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	env.run("post", keys(`[data-testid="post-form"] [data-testid="field-text"]`, "Posted through a hostile sheet"),
		click(`[data-testid="post-form"] [data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 1`)
	env.noConsoleErrors()
}
