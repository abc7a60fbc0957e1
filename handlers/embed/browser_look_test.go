package embed_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/natter/natter/internal/comment"
)

func TestBrowserChinese(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.allow("status of 422 (Unprocessable Entity) " + env.natter + "/embed/comments?")
	url := env.page("/post-1", hostPage(`data-natter-lang="zh-CN"`))
	env.run("load", chromedp.Navigate(url), visible(root))
	if got := env.text(`[data-testid="thread-count"]`); got != "还没有评论" {
		t.Errorf("heading = %q", got)
	}
	env.run("post short", keys(`[data-testid="field-text"]`, "短"),
		click(`[data-testid="submit"]`))
	env.waitJS("error", `!!document.querySelector('[data-testid="form-error"]')`)
	if got := env.text(`[data-testid="form-error"]`); !strings.Contains(got, "评论太短") {
		t.Errorf("error = %q", got)
	}
	env.run("post", setv(`[data-testid="field-text"]`, "你好，世界！"),
		click(`[data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 1`)
	if got := env.text(`[data-testid="thread-count"]`); got != "1 条评论" {
		t.Errorf("heading = %q", got)
	}
	if got := env.text(`[data-testid="reply"]`); got != "回复" {
		t.Errorf("reply = %q", got)
	}
	env.noConsoleErrors()
}

const hostileCSS = `<style>
* { margin: 30px; padding: 12px; font-family: "Comic Sans MS", serif; letter-spacing: 3px; box-sizing: content-box; }
p { font-size: 40px; color: red; text-transform: uppercase; }
a { color: orange; font-weight: 900; }
button { background: hotpink; border: 6px dashed lime; border-radius: 0; font-size: 30px; padding: 20px; width: 300px; }
textarea, input { background: yellow; border: 8px solid purple; }
ol, ul, li { list-style: square; }
h2 { font-size: 64px; }
</style>`

func TestBrowserHostileStylesheet(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.seed("/post-1", "Bob", "A paragraph that must not turn red.")
	page := strings.Replace(hostPage(""), "</head>", hostileCSS+"</head>", 1)
	url := env.page("/post-1", page)
	env.run("load", chromedp.Navigate(url), visible(root))
	env.waitJS("stylesheet", cssLoaded)
	checks := map[string]string{
		`getComputedStyle(document.querySelector('[data-testid="comment-body"] p')).fontSize`:          "16px",
		`getComputedStyle(document.querySelector('[data-testid="comment-body"] p')).color`:             "rgb(31, 41, 55)",
		`getComputedStyle(document.querySelector('[data-testid="comment-body"] p')).margin`:            "0px",
		`getComputedStyle(document.querySelector('[data-testid="submit"]')).backgroundColor`:           "rgb(29, 78, 216)",
		`getComputedStyle(document.querySelector('[data-testid="submit"]')).fontSize`:                  "14px",
		`getComputedStyle(document.querySelector('[data-testid="field-text"]')).backgroundColor`:       "rgb(255, 255, 255)",
		`getComputedStyle(document.querySelector('[data-testid="comment-item"]')).listStyleType`:       "none",
		`getComputedStyle(document.querySelector('[data-testid="thread-count"]')).fontSize`:            "18px",
		`getComputedStyle(document.querySelector('[data-testid="comment-author"]')).letterSpacing`:     "normal",
		`getComputedStyle(document.querySelector('[data-testid="field-text"]')).boxSizing`:             "border-box",
		`getComputedStyle(document.querySelector('article h1')).fontFamily.indexOf("Comic") >= 0 + ""`: "true",
		`getComputedStyle(document.querySelector('article p')).fontSize`:                               "40px",
	}
	for expr, want := range checks {
		got := evalAs[string](env, `String(`+expr+`)`)
		if got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	// Still works: post a comment.
	env.run("post", keys(`[data-testid="field-text"]`, "Survived the stylesheet"),
		click(`[data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 2`)
	env.noConsoleErrors()
}

func TestBrowserLegacyIssoPage(t *testing.T) {
	env := newBrowserEnv(t, "")
	env.seed("/legacy/", "Bob", "Written under Isso.")
	page := `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Isso page</title></head><body>
<p><a id="counter" href="/legacy/#isso-thread">comments</a></p>
<script data-isso="NATTER/" data-isso-lang="zh" data-isso-vote="false" data-isso-sorting="newest"
  src="NATTER/js/embed.min.js"></script>
<section id="isso-thread" data-title="Legacy"></section>
</body></html>`
	url := env.page("/legacy/", page)
	env.run("load", chromedp.Navigate(url), visible(`#isso-thread `+root))
	if got := env.text(`[data-testid="thread-count"]`); got != "1 条评论" {
		t.Errorf("heading = %q (data-isso-lang)", got)
	}
	if n := countSel(env, `[data-testid="vote-up"]`); n != 0 {
		t.Errorf("data-isso-vote=false ignored: %d vote buttons", n)
	}
	env.waitJS("counter", `document.getElementById("counter").textContent === "1 条评论"`)
	env.run("post", keys(`[data-testid="field-text"]`, "Posted through the Isso page"),
		click(`[data-testid="submit"]`))
	env.waitJS("posted", `document.querySelectorAll('[data-testid="comment"]').length === 2`)
	// Newest first (data-isso-sorting): the new comment is at the top.
	env.waitJS("newest first", `document.querySelector('[data-testid="comment-body"]').textContent.includes("Posted through")`)
	env.noConsoleErrors()
}

// identiconsLoaded: the thread's identicon images are drawn (served by
// Natter under the widget's base).
const identiconsLoaded = `(() => { const imgs = [...document.querySelectorAll('img[data-testid="avatar-identicon"]')];
	return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0) })()`

// TestBrowserScreenshots renders the widget in light and dark at phone and
// desktop widths; set NATTER_SCREENSHOTS=dir to keep the PNGs.
func TestBrowserScreenshots(t *testing.T) {
	env := newBrowserEnv(t, "")
	a := env.seed("/post-1", "Bob", "This is a **great** post. I especially liked the part about `htmx` and server-rendered widgets.\n\n> Quoted text\n\nSecond paragraph with a [link](https://example.com).")
	env.seed("/post-1", "Carol", "I disagree, but politely.")
	text, author := "Thanks Bob!", "Dana"
	if _, err := env.site.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text, Author: &author}, URI: "/post-1", Parent: &a}, comment.Actor{IP: "10.1.1.1"}); err != nil {
		t.Fatal(err)
	}
	url := env.page("/post-1", hostPage(""))
	dir := os.Getenv("NATTER_SCREENSHOTS")
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int64{360, 1280} {
			env.run("shot", media(scheme),
				viewport(width),
				chromedp.Navigate(url), visible(root))
			env.waitJS("css", cssLoaded)
			env.waitJS("identicons", identiconsLoaded)
			png, err := chromedp.Run(env.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			overflow := evalAs[bool](env, `document.documentElement.scrollWidth > window.innerWidth`)
			if overflow {
				t.Errorf("%s %dpx: horizontal overflow", scheme, width)
			}
			if dir != "" {
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("widget-%s-%d.png", scheme, width)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	env.noConsoleErrors()
}
