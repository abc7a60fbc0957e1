package embed_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/natter/natter/handlers"
	"github.com/natter/natter/internal/comment"
	"github.com/valyala/fasthttp"
)

// seedThread adds n comments (a third of them replies) to uri.
func seedThread(t testing.TB, svc *comment.Service, uri string, n int) {
	t.Helper()
	var tops []int64
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Comment %d with some **Markdown** and a [link](https://example.com/%d).", i, i)
		author := fmt.Sprintf("Reader %d", i)
		in := comment.CreateInput{Input: comment.Input{Text: &text, Author: &author}, URI: uri}
		if i%3 == 2 && len(tops) > 0 {
			p := tops[len(tops)-1]
			in.Parent = &p
		}
		c, err := svc.Create(context.Background(), in, comment.Actor{IP: fmt.Sprintf("10.%d.%d.1", i/250, i%250)})
		if err != nil {
			t.Fatal(err)
		}
		if in.Parent == nil {
			tops = append(tops, c.ID)
		}
	}
}

// BenchmarkEmbedThread200 renders the cached fragment of a 200-comment
// thread through the whole app (docs/benchmarks.md has the wrk figures).
func BenchmarkEmbedThread200(b *testing.B) {
	s := newEmbedSiteTB(b, "[guard]\nenabled = false\n")
	seedThread(b, s.Site.Comments, "/bench", 200)
	for _, c := range []struct{ name, path string }{
		{"fragment", "/embed/thread?uri=/bench&limit=-1"},
		{"isso-json", "/?uri=/bench"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				r := edoTB(b, s, "GET", c.path, "", "HX-Request", "true", "Origin", blog)
				if r.StatusCode != 200 {
					b.Fatal(r.StatusCode)
				}
			}
		})
	}
}

// BenchmarkHotPaths runs cached answers through the app's handler without
// a network in between: the per-request work Natter adds to sending bytes
// (the ratio rows of docs/benchmarks.md).
func BenchmarkHotPaths(b *testing.B) {
	s := newEmbedSiteTB(b, "[guard]\nenabled = false\n")
	seedThread(b, s.Site.Comments, "/bench", 200)
	h := handlers.Serving(s.App)
	for _, c := range []struct{ name, method, path, body string }{
		{"isso-json-gzip", "GET", "/?uri=/bench&sort=oldest&offset=0&nested_limit=5", ""},
		{"fragment-gzip", "GET", "/embed/thread?uri=/bench", ""},
		{"counts", "POST", "/count", `["/bench","/other"]`},
	} {
		b.Run(c.name, func(b *testing.B) {
			var ctx fasthttp.RequestCtx
			for b.Loop() {
				ctx.Request.Reset()
				ctx.Response.Reset()
				ctx.Request.Header.SetMethod(c.method)
				ctx.Request.SetRequestURI(c.path)
				ctx.Request.Header.SetHost("natter.test")
				ctx.Request.Header.Set("Accept-Encoding", "gzip")
				ctx.Request.Header.Set("HX-Request", "true")
				ctx.Request.Header.Set("Origin", blog)
				if c.body != "" {
					ctx.Request.Header.SetContentType("application/json")
					ctx.Request.SetBodyString(c.body)
				}
				h(&ctx)
				if code := ctx.Response.StatusCode(); code != 200 {
					b.Fatalf("%s: %d %s", c.path, code, ctx.Response.Body())
				}
			}
		})
	}
}
