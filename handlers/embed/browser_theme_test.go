package embed_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// cssLoaded is true once Natter's stylesheet applies to the widget.
const cssLoaded = `getComputedStyle(document.querySelector('` + root + `')).getPropertyValue("--natter-fg") !== ""`

const (
	lightFG = "rgb(31, 41, 55)"
	darkFG  = "rgb(243, 244, 246)"
)

// themedPage is the snippet page with a page style and snippet attributes.
func themedPage(style, attrs string) string {
	return strings.Replace(hostPage(attrs), "</head>", "<style>"+style+"</style></head>", 1)
}

// TestBrowserThemes: data-natter-theme auto (the default) matches the host
// page's background or color-scheme, whatever the reader's system says;
// light and dark force a palette; system follows the reader. The widget's
// background is transparent and its font the host's (data-natter-font
// overrides), and its text keeps AA contrast on the page it sits on.
func TestBrowserThemes(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.seed("/post-1", "Bob", "Themed.")
	for _, tc := range []struct {
		name, scheme, style, attrs, fg string
	}{
		{"auto light page, dark reader", "dark", "body { background: #fdf6e3; }", "", lightFG},
		{"auto dark page, light reader", "light", "body { background: #0d1117; color: #e6edf3; }", "", darkFG},
		{"auto dark container", "light", "#comments { background: #1e1e2e; }", "", darkFG},
		{"auto color-scheme dark", "light", ":root { color-scheme: dark; }", "", darkFG},
		{"auto color-scheme light dark, dark reader", "dark", ":root { color-scheme: light dark; }", "", darkFG},
		{"system, dark reader", "dark", "", `data-natter-theme="system"`, darkFG},
		{"system, light reader", "light", "", `data-natter-theme="system"`, lightFG},
		{"forced light", "dark", "body { background: #0d1117; }", `data-natter-theme="light"`, lightFG},
		{"forced dark", "light", "", `data-natter-theme="dark"`, darkFG},
	} {
		url := env.page("/"+strings.NewReplacer(" ", "-", ",", "").Replace(tc.name), themedPage(tc.style, tc.attrs))
		env.run(tc.name, media(tc.scheme), chromedp.Navigate(url), visible(root))
		env.waitJS(tc.name, cssLoaded)
		got := evalAs[string](env, `getComputedStyle(document.querySelector('`+root+`')).color`)
		if got != tc.fg {
			t.Errorf("%s: text colour %s, want %s", tc.name, got, tc.fg)
		}
		bg := evalAs[string](env, `getComputedStyle(document.querySelector('`+root+`')).backgroundColor`)
		if auto := tc.attrs == ""; auto != (bg == "rgba(0, 0, 0, 0)") {
			t.Errorf("%s: widget background %s (transparent exactly for auto)", tc.name, bg)
		}
		behind := evalAs[string](env, `(function (n) { for (; n; n = n.parentElement) { var b = getComputedStyle(n).backgroundColor; if (b !== "rgba(0, 0, 0, 0)") return b; } return "rgb(255, 255, 255)"; })(document.querySelector('`+root+`'))`)
		if strings.Contains(tc.style, "color-scheme") {
			behind = map[string]string{lightFG: "rgb(255, 255, 255)", darkFG: "rgb(18, 18, 18)"}[tc.fg] // the canvas
		}
		if r := contrastCSS(t, got, behind); r < 4.5 {
			t.Errorf("%s: text %s on %s is %.2f:1", tc.name, got, behind, r)
		}
		if tc.name == "auto dark page, light reader" {
			env.shot("widget-theme-auto-dark-page")
		}
	}
	env.run("font", chromedp.Navigate(env.page("/font", themedPage("body { font-family: Georgia, serif; }", ""))), visible(root))
	env.waitJS("host font", `getComputedStyle(document.querySelector('`+root+`')).fontFamily === "Georgia, serif"`)
	env.run("own font", chromedp.Navigate(env.page("/own-font", themedPage("body { font-family: Georgia, serif; }", `data-natter-font="monospace"`))), visible(root))
	env.waitJS("data-natter-font", `getComputedStyle(document.querySelector('[data-testid="comment-body"] p')).fontFamily === "monospace"`)
	env.noConsoleErrors()
}

// TestBrowserThemeFollowsThePage: an auto-themed widget follows the page
// when it switches to dark later (a toggle on <html>), and back.
func TestBrowserThemeFollowsThePage(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.seed("/post-1", "Bob", "One.")
	env.seed("/post-1", "Carol", "Two.")
	url := env.page("/toggle", themedPage("html.dark body { background: #0d1117; color: #e6edf3; }", ""))
	env.run("load", media("light"), chromedp.Navigate(url), visible(root))
	env.waitJS("css", cssLoaded)
	color := `getComputedStyle(document.querySelector('` + root + `')).color`
	env.waitJS("light page", color+` === "`+lightFG+`"`)
	env.run("toggle dark", chromedp.Evaluate[chromedp.Void](`document.documentElement.classList.add("dark")`))
	env.waitJS("follows to dark", color+` === "`+darkFG+`"`)
	env.shot("widget-theme-toggled-dark")
	env.run("sort", click(`[data-testid="sort-newest"]`))
	env.waitJS("stays dark after a swap", `document.querySelector('`+root+` [aria-current][data-testid="sort-newest"]') && `+color+` === "`+darkFG+`"`)
	env.run("toggle light", chromedp.Evaluate[chromedp.Void](`document.documentElement.classList.remove("dark")`))
	env.waitJS("follows back", color+` === "`+lightFG+`"`)
	env.noConsoleErrors()
}

// contrastCSS is WCAG's contrast ratio of two computed rgb() colours.
func contrastCSS(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := lumCSS(t, a), lumCSS(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func lumCSS(t *testing.T, c string) float64 {
	t.Helper()
	parts := strings.FieldsFunc(c, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.') })
	if len(parts) < 3 {
		t.Fatalf("colour %q", c)
	}
	var l [3]float64
	for i := range l {
		v, _ := strconv.ParseFloat(parts[i], 64)
		v /= 255
		if v <= 0.03928 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}
