package embed_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/natter/natter/internal/comment"
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
